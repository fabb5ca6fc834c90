import { describe, expect, it } from "vitest";
import { oauthProviders } from "@/lib/auth/oauth-providers";
import { EnvError, isDevOutboxVisible, parseEnv, requireDatabaseUrl, selectDrivers } from "@/lib/env";

describe("parseEnv", () => {
  it("treats empty strings as unset", () => {
    const env = parseEnv({ DATABASE_URL: "", SMTP_URL: "", AGENTRY_DATABASE_DRIVER: "" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.AGENTRY_DATABASE_DRIVER).toBeUndefined();
  });

  it("rejects an unknown database driver with the variable named", () => {
    expect(() => parseEnv({ AGENTRY_DATABASE_DRIVER: "mysql" })).toThrowError(/AGENTRY_DATABASE_DRIVER/);
  });

  it("refuses an AGENTRY_TRUSTED_PROXIES that is neither a hop count nor addresses/CIDRs", () => {
    expect(() => parseEnv({ AGENTRY_TRUSTED_PROXIES: "everyone" })).toThrow(/AGENTRY_TRUSTED_PROXIES.*"everyone"/);
    expect(parseEnv({ AGENTRY_TRUSTED_PROXIES: "10.0.0.0/8, ::1" }).AGENTRY_TRUSTED_PROXIES).toBe("10.0.0.0/8, ::1");
  });

  it("explains how to start when DATABASE_URL is missing", () => {
    expect(() => requireDatabaseUrl(parseEnv({}))).toThrowError(EnvError);
    expect(() => requireDatabaseUrl(parseEnv({}))).toThrowError(/npm run dev/);
  });
});

describe("selectDrivers", () => {
  it("defaults to local drivers with no configuration", () => {
    expect(selectDrivers(parseEnv({ AGENTRY_DATABASE_DRIVER: "embedded" }))).toEqual({
      database: "embedded",
      jobs: "local",
      kv: "memory",
      mail: "outbox",
    });
  });

  it("switches each service to its external driver when configured", () => {
    const env = parseEnv({
      DATABASE_URL: "postgresql://db.example/agentry",
      INNGEST_EVENT_KEY: "key",
      UPSTASH_REDIS_REST_URL: "https://kv.example",
      UPSTASH_REDIS_REST_TOKEN: "token",
      SMTP_URL: "smtp://mail.example:587",
    });
    expect(selectDrivers(env)).toEqual({ database: "postgres", jobs: "inngest", kv: "upstash", mail: "smtp" });
  });

  it("needs both Upstash variables before using Upstash", () => {
    expect(selectDrivers(parseEnv({ UPSTASH_REDIS_REST_URL: "https://kv.example" })).kv).toBe("memory");
  });

  it("uses Inngest in dev mode when INNGEST_DEV is set", () => {
    expect(selectDrivers(parseEnv({ INNGEST_DEV: "1" })).jobs).toBe("inngest");
  });
});

describe("isDevOutboxVisible", () => {
  it("shows the outbox in development without SMTP", () => {
    expect(isDevOutboxVisible(parseEnv({ NODE_ENV: "development" }))).toBe(true);
  });

  it("never in production unless asked for, and never when SMTP is configured", () => {
    expect(isDevOutboxVisible(parseEnv({ NODE_ENV: "production" }))).toBe(false);
    expect(isDevOutboxVisible(parseEnv({ NODE_ENV: "production", AGENTRY_DEV_OUTBOX: "1" }))).toBe(true);
    expect(isDevOutboxVisible(parseEnv({ NODE_ENV: "development", SMTP_URL: "smtp://mail.example:25" }))).toBe(false);
  });
});

describe("oauthProviders", () => {
  it("offers GitHub and Google only when both their id and secret are set", () => {
    expect(oauthProviders(parseEnv({}))).toEqual([]);
    expect(oauthProviders(parseEnv({ AUTH_GITHUB_ID: "id" }))).toEqual([]);
    expect(oauthProviders(parseEnv({ AUTH_GITHUB_ID: "id", AUTH_GITHUB_SECRET: "s", AUTH_GOOGLE_ID: "g", AUTH_GOOGLE_SECRET: "t" })).map((p) => p.id)).toEqual(["github", "google"]);
  });
});
