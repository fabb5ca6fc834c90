import { getDb } from "@/lib/db";
import { getEnv, selectDrivers, type Drivers, type Env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export type DatabaseCheck = {
  status: "ok" | "error";
  /** The server actually answering when reachable (PGlite → embedded), else the configured one. */
  driver: Drivers["database"];
  latencyMs?: number;
  error?: string;
};

export type Readiness = {
  status: "ok" | "unavailable";
  checks: { database: DatabaseCheck };
  drivers: Drivers;
};

/** Whether this instance can serve traffic: the database answers within the timeout. */
export async function checkReadiness(
  options: { timeoutMs?: number; env?: Env; db?: () => PrismaClient } = {},
): Promise<Readiness> {
  const { timeoutMs = 3000, env = getEnv(), db = getDb } = options;
  const drivers = selectDrivers(env);
  const database = await checkDatabase(db, drivers.database, timeoutMs);
  return { status: database.status === "ok" ? "ok" : "unavailable", checks: { database }, drivers };
}

async function checkDatabase(db: () => PrismaClient, driver: Drivers["database"], timeoutMs: number): Promise<DatabaseCheck> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    const [row] = await Promise.race([db().$queryRaw<{ version: string }[]>`SELECT version() AS version`, timeout]);
    // The server says what it is: PGlite is PostgreSQL compiled to WebAssembly. So a PGlite behind
    // a DATABASE_URL (e.g. a test fallback) is reported as embedded, not as the configured driver.
    return { status: "ok", driver: /wasm32|emscripten/i.test(row?.version ?? "") ? "embedded" : "postgres", latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { status: "error", driver, error: describeDatabaseError(error) };
  } finally {
    clearTimeout(timer);
  }
}

// Enough to act on (refused, timed out, not configured) without echoing connection strings.
function describeDatabaseError(error: unknown): string {
  if (!(error instanceof Error)) return "database unreachable";
  if (error.name === "EnvError") return error.message;
  const code = (error as { code?: unknown }).code;
  if (error.message.startsWith("no answer within")) return `database ${error.message}`;
  return typeof code === "string" ? `database unreachable (${code})` : "database unreachable";
}
