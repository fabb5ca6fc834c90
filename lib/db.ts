import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import { getEnv, requireDatabaseUrl } from "@/lib/env";

/** A client or an open transaction: every lib/<domain> function takes `{ tx?: Tx }`. */
export type Tx = Prisma.TransactionClient;

// One client per process; dev hot reload re-evaluates modules, so keep it on globalThis.
const holder = globalThis as unknown as { agentryPrisma?: PrismaClient };

function createClient(): PrismaClient {
  const env = getEnv();
  const adapter = new PrismaPg({ connectionString: requireDatabaseUrl(env), max: env.DATABASE_POOL_MAX });
  return new PrismaClient({ adapter });
}

/** The shared Prisma client, created on first use. */
export function getDb(): PrismaClient {
  holder.agentryPrisma ??= createClient();
  return holder.agentryPrisma;
}
