import net from "node:net";
import { PrismaPg } from "@prisma/adapter-pg";
import { describe, expect, inject, it } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { parseEnv } from "@/lib/env";
import { checkReadiness } from "@/lib/health/check-readiness";
import { startEmbeddedPostgres } from "@/scripts/db/embedded-postgres.mjs";

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("checkReadiness", () => {
  it("is ok against the run's database and names its driver", async () => {
    const readiness = await checkReadiness();
    expect(readiness.status).toBe("ok");
    expect(readiness.checks.database).toMatchObject({ status: "ok", driver: inject("databaseDriver") });
    expect(readiness.checks.database.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("reports the server that answers: PGlite behind a DATABASE_URL is embedded, not postgres", async () => {
    const embedded = await startEmbeddedPostgres();
    const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: embedded.url }) });
    try {
      const readiness = await checkReadiness({ env: parseEnv({ DATABASE_URL: embedded.url, AGENTRY_DATABASE_DRIVER: "postgres" }), db: () => client });
      expect(readiness.checks.database).toMatchObject({ status: "ok", driver: "embedded" });
    } finally {
      await client.$disconnect();
      await embedded.stop();
    }
  }, 60_000);

  it("is unavailable when the database refuses connections, without leaking the URL", async () => {
    const url = `postgresql://agentry:s3cret@127.0.0.1:${await closedPort()}/agentry`;
    const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
    try {
      const readiness = await checkReadiness({ env: parseEnv({ DATABASE_URL: url }), db: () => client });
      expect(readiness.status).toBe("unavailable");
      expect(readiness.checks.database).toMatchObject({ status: "error", driver: "postgres" });
      expect(readiness.checks.database.error).toMatch(/unreachable/);
      expect(JSON.stringify(readiness)).not.toContain("s3cret");
    } finally {
      await client.$disconnect();
    }
  });

  it("explains a missing DATABASE_URL instead of failing", async () => {
    const readiness = await checkReadiness({
      env: parseEnv({}),
      db: () => {
        throw Object.assign(new Error("DATABASE_URL is not set. Start Agentry with `npm run dev`"), { name: "EnvError" });
      },
    });
    expect(readiness.status).toBe("unavailable");
    expect(readiness.checks.database.error).toMatch(/DATABASE_URL is not set/);
  });
});
