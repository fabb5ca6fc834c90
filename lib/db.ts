import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import { getEnv, requireDatabaseUrl } from "@/lib/env";
import { withStorableArgs } from "@/lib/storage/with-storable-args";

/** A client or an open transaction: every lib/<domain> function takes `{ tx?: Tx }`. */
export type Tx = Prisma.TransactionClient;

// One client per process; dev hot reload re-evaluates modules, so keep it on globalThis.
const holder = globalThis as unknown as { agentryPrisma?: PrismaClient };

function createClient(): PrismaClient {
  const env = getEnv();
  // NUL and lone surrogates become U+FFFD in every argument instead of failing the query.
  const adapter = withStorableArgs(new PrismaPg({ connectionString: requireDatabaseUrl(env), max: env.DATABASE_POOL_MAX }));
  return new PrismaClient({ adapter });
}

/** The shared Prisma client, created on first use. */
export function getDb(): PrismaClient {
  holder.agentryPrisma ??= createClient();
  return holder.agentryPrisma;
}
