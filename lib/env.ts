import { z } from "zod";
import { parseTrustedProxies } from "@/lib/http/parse-trusted-proxies";

// Empty strings count as unset, so `DATABASE_URL= npm run dev` means "embedded".
const optionalString = z.preprocess((value) => (value === "" ? undefined : value), z.string().optional());

const McpStdioServersSchema = z.record(
  z.string().regex(/^[\w-]+$/),
  z.object({ command: z.string().min(1), args: z.array(z.string()).default([]), env: z.record(z.string(), z.string()).optional(), cwd: z.string().optional() }),
);

export const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: optionalString,
  /** Set by scripts/launch.mjs: "embedded" when it started PGlite because DATABASE_URL was unset. */
  AGENTRY_DATABASE_DRIVER: z.preprocess((value) => (value === "" ? undefined : value), z.enum(["postgres", "embedded"]).optional()),
  DATABASE_POOL_MAX: z.coerce.number().int().positive().default(10),
  INNGEST_EVENT_KEY: optionalString,
  INNGEST_SIGNING_KEY: optionalString,
  INNGEST_DEV: optionalString,
  UPSTASH_REDIS_REST_URL: optionalString,
  UPSTASH_REDIS_REST_TOKEN: optionalString,
  SMTP_URL: optionalString,
  EMAIL_FROM: z.string().default("Agentry <no-reply@agentry.local>"),
  /** Shows /dev/outbox even in a production build (demo and test installs without SMTP). */
  AGENTRY_DEV_OUTBOX: optionalString,
  INVITATION_TTL_DAYS: z.coerce.number().positive().default(7),
  /** 32 bytes (base64, base64url or hex) that encrypt credentials; the launcher generates one when unset. */
  AGENTRY_ENCRYPTION_KEY: optionalString,
  /** Private hosts / CIDRs HTTP nodes may call anyway, e.g. "localhost,10.0.0.0/8". */
  AGENTRY_HTTP_ALLOW: optionalString,
  /** Proxies whose X-Forwarded-For / X-Real-IP name the client: a hop count or CIDRs (default: none). */
  AGENTRY_TRUSTED_PROXIES: optionalString.superRefine((value, context) => {
    try {
      parseTrustedProxies(value);
    } catch (error) {
      context.addIssue({ code: "custom", message: (error as Error).message });
    }
  }),
  /** Requests per minute one API key may make. */
  AGENTRY_API_KEY_RATE_LIMIT: z.coerce.number().int().positive().default(600),
  /** Calls per minute one webhook accepts. */
  AGENTRY_WEBHOOK_RATE_LIMIT: z.coerce.number().int().positive().default(120),
  /** Sign-in emails per client address per 15 minutes. */
  AGENTRY_SIGN_IN_IP_LIMIT: z.coerce.number().int().positive().default(30),
  /**
   * stdio MCP servers agents may use — commands run on this server, so only the operator names
   * them: JSON `{ "<name>": { "command": "…", "args": ["…"], "env": {…} } }`. Unset: no stdio.
   */
  AGENTRY_MCP_STDIO_SERVERS: optionalString.pipe(
    z
      .string()
      .optional()
      .transform((value, context) => {
        if (!value) return undefined;
        const parsed = McpStdioServersSchema.safeParse((() => { try { return JSON.parse(value); } catch { return null; } })());
        if (parsed.success) return parsed.data;
        context.addIssue({ code: "custom", message: 'expected JSON like {"files":{"command":"npx","args":["-y","@modelcontextprotocol/server-filesystem","/data"]}}' });
        return z.NEVER;
      }),
  ),
  /** Override model API endpoints (proxies, gateways, tests). */
  ANTHROPIC_BASE_URL: optionalString,
  OPENAI_BASE_URL: optionalString,
  AUTH_GITHUB_ID: optionalString,
  AUTH_GITHUB_SECRET: optionalString,
  AUTH_GOOGLE_ID: optionalString,
  AUTH_GOOGLE_SECRET: optionalString,
});

export type Env = z.infer<typeof EnvSchema>;

export type Drivers = {
  database: "postgres" | "embedded";
  jobs: "inngest" | "local";
  kv: "upstash" | "memory";
  mail: "smtp" | "outbox";
};

export class EnvError extends Error {
  override name = "EnvError";
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new EnvError(`Invalid environment: ${problems}`);
  }
  return result.data;
}

/** Which implementation backs each service; see README "Configuration". */
export function selectDrivers(env: Env): Drivers {
  return {
    database: env.AGENTRY_DATABASE_DRIVER ?? "postgres",
    jobs: env.INNGEST_EVENT_KEY || env.INNGEST_DEV ? "inngest" : "local",
    kv: env.UPSTASH_REDIS_REST_URL && env.UPSTASH_REDIS_REST_TOKEN ? "upstash" : "memory",
    mail: env.SMTP_URL ? "smtp" : "outbox",
  };
}

export function requireDatabaseUrl(env: Env): string {
  if (!env.DATABASE_URL) {
    throw new EnvError(
      "DATABASE_URL is not set. Start Agentry with `npm run dev` or `npm start`: with no DATABASE_URL " +
        "they start the embedded database and set it for the app.",
    );
  }
  return env.DATABASE_URL;
}

/** The dev outbox page exists only without SMTP, and outside production unless asked for. */
export function isDevOutboxVisible(env: Env): boolean {
  return selectDrivers(env).mail === "outbox" && (env.NODE_ENV !== "production" || env.AGENTRY_DEV_OUTBOX === "1");
}

let cached: Env | undefined;

/** The validated process environment, parsed once (lazily, so `next build` needs none of it). */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
