import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { EnvSchema, parseEnv, selectDrivers } from "@/lib/env";

// Docker is not available where tests run, so docker-compose.yml and the Dockerfile are checked
// as files: the right services, pinned images, and an app environment the app itself accepts.
// (The standalone server the Dockerfile copies is started for real in e2e/standalone-server.spec.ts.)

const ROOT = path.resolve(import.meta.dirname, "../..");
const compose = parse(fs.readFileSync(path.join(ROOT, "docker-compose.yml"), "utf8")) as {
  services: Record<string, { image?: string; build?: unknown; command?: string[]; environment?: Record<string, string>; depends_on?: Record<string, unknown>; ports?: string[] }>;
  configs?: Record<string, { content?: string }>;
};

const SECRETS = { POSTGRES_PASSWORD: "pg-secret", INNGEST_EVENT_KEY: "event-key", INNGEST_SIGNING_KEY: "ab12cd34", SRH_TOKEN: "srh-token" };

/** Compose's variable interpolation (${X}, ${X:-default}, ${X:?error}) over `vars`, as `docker compose config` does. */
function interpolate(value: string, vars: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_, name: string, kind: string | undefined, arg: string | undefined) => {
    const set = vars[name];
    if (set) return set;
    if (kind === "?") throw new Error(`${name} is required: ${arg}`);
    return kind === "-" ? (arg ?? "") : "";
  });
}

function environmentOf(service: string, vars: Record<string, string> = SECRETS): Record<string, string> {
  const raw = compose.services[service]?.environment ?? {};
  return Object.fromEntries(Object.entries(raw).map(([name, value]) => [name, interpolate(String(value), vars)]));
}

describe("docker-compose.yml", () => {
  it("runs the app with PostgreSQL + pgvector, a self-hosted Inngest server, Redis and an Upstash-compatible REST proxy, on pinned images", () => {
    expect(Object.keys(compose.services).sort()).toEqual(["app", "inngest", "postgres", "redis", "redis-rest"]);
    expect(compose.services.app!.build).toBe(".");
    const images = Object.fromEntries(Object.entries(compose.services).filter(([, s]) => s.image).map(([name, s]) => [name, s.image!]));
    expect(images.postgres).toMatch(/^pgvector\/pgvector:[\d.]+-pg17$/);
    expect(images.inngest).toMatch(/^inngest\/inngest:v\d+\.\d+\.\d+$/);
    expect(images.redis).toMatch(/^redis:\d+\.\d+/);
    expect(images["redis-rest"]).toMatch(/^hiett\/serverless-redis-http:\d+\.\d+\.\d+$/);
    for (const image of Object.values(images)) expect(image).not.toMatch(/:latest$|^[^:]+$/);
  });

  it("gives the app every variable it needs, under the names lib/env.ts and the Inngest SDK read, pointing at the compose services", () => {
    const env = environmentOf("app");
    expect(env).toMatchObject({
      DATABASE_URL: "postgresql://agentry:pg-secret@postgres:5432/agentry",
      INNGEST_EVENT_KEY: "event-key",
      INNGEST_SIGNING_KEY: "ab12cd34",
      INNGEST_BASE_URL: "http://inngest:8288",
      UPSTASH_REDIS_REST_URL: "http://redis-rest:80",
      UPSTASH_REDIS_REST_TOKEN: "srh-token",
      APP_URL: "http://localhost:3000",
    });
    // Set by the operator or generated into the /data volume by the launcher: passed through either way.
    expect(Object.keys(env)).toEqual(expect.arrayContaining(["AUTH_SECRET", "AGENTRY_ENCRYPTION_KEY"]));
    expect(environmentOf("app", { ...SECRETS, AUTH_SECRET: "mine" }).AUTH_SECRET).toBe("mine");
    // Every name the app gets is one it reads (lib/env.ts), or the SDK's / Auth.js's / APP_URL.
    const known = new Set([...Object.keys(EnvSchema.shape), "INNGEST_BASE_URL", "AUTH_SECRET", "APP_URL"]);
    expect(Object.keys(env).filter((name) => !known.has(name))).toEqual([]);
  });

  it("is a production environment the app's schema accepts, selecting PostgreSQL, Inngest, Upstash and (with SMTP_URL) SMTP", () => {
    const env = parseEnv({ NODE_ENV: "production", ...environmentOf("app", { ...SECRETS, SMTP_URL: "smtp://mail:587" }) });
    expect(selectDrivers(env)).toEqual({ database: "postgres", jobs: "inngest", kv: "upstash", mail: "smtp" });
    // Every variable the schema requires (no default, not optional) is set.
    const required = Object.entries(EnvSchema.shape).filter(([, schema]) => !schema.safeParse(undefined).success).map(([name]) => name);
    const appEnv = environmentOf("app");
    for (const name of required) expect(appEnv[name], name).toBeTruthy();
  });

  it("refuses to start without the secrets instead of running with made-up ones", () => {
    for (const name of Object.keys(SECRETS)) {
      const without: Record<string, string> = { ...SECRETS };
      delete without[name];
      expect(() => environmentOf("app", without), name).toThrow(`${name} is required`);
    }
  });

  it("wires the services to each other: Inngest to the app and its own database, the REST proxy to Redis with the app's token", () => {
    const inngest = environmentOf("inngest");
    expect(compose.services.inngest!.command).toEqual(["inngest", "start", "--sdk-url", "http://app:3000/api/inngest"]);
    expect(inngest).toMatchObject({ INNGEST_EVENT_KEY: "event-key", INNGEST_SIGNING_KEY: "ab12cd34", INNGEST_POSTGRES_URI: "postgresql://agentry:pg-secret@postgres:5432/inngest", INNGEST_REDIS_URI: "redis://redis:6379/1" });
    expect(compose.configs?.["create-inngest-database"]?.content).toMatch(/CREATE DATABASE inngest;/);
    // Its dashboard has no sign-in: never published beyond loopback.
    expect(compose.services.inngest!.ports).toEqual(["127.0.0.1:${INNGEST_PORT:-8288}:8288"]);
    expect(environmentOf("redis-rest")).toEqual({ SRH_MODE: "env", SRH_TOKEN: "srh-token", SRH_CONNECTION_STRING: "redis://redis:6379/0" });
    expect(environmentOf("postgres")).toMatchObject({ POSTGRES_USER: "agentry", POSTGRES_PASSWORD: "pg-secret", POSTGRES_DB: "agentry" });
    expect(Object.keys(compose.services.app!.depends_on ?? {})).toEqual(expect.arrayContaining(["postgres", "redis-rest"]));
  });
});

describe("Dockerfile", () => {
  const dockerfile = fs.readFileSync(path.join(ROOT, "Dockerfile"), "utf8");
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const runtime = stages.at(-1)!;

  it("builds in stages and ships the standalone output, started by the launcher (which migrates first)", () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    expect(dockerfile).toMatch(/RUN npm ci\b/);
    expect(dockerfile).toMatch(/RUN npx next build/);
    expect(runtime).toContain("COPY --from=builder --chown=node:node /app/.next/standalone ./");
    expect(runtime).toContain("/app/.next/static ./.next/static");
    expect(runtime).not.toMatch(/npm (ci|install)/);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toContain('CMD ["node", "scripts/launch.mjs", "node", "--import", "./scripts/peer-address.mjs", "server.js"]');
  });

  it("is built from sources only (.dockerignore keeps local builds, data and secrets out)", () => {
    const ignored = fs.readFileSync(path.join(ROOT, ".dockerignore"), "utf8").split("\n").map((line) => line.trim());
    for (const entry of ["node_modules", ".next", ".data", ".env", ".env.*", ".git", "lib/generated"]) expect(ignored).toContain(entry);
  });
});
