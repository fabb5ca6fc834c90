#!/usr/bin/env node
// Starts a command (next dev / next start) with its database ready:
// - DATABASE_URL set   → that PostgreSQL;
// - DATABASE_URL unset → the embedded PostgreSQL (PGlite) on a data folder (AGENTRY_DATA_DIR,
//   default .data/), served on a loopback port for the app's ordinary Prisma client.
// Pending migrations are applied first either way (AGENTRY_SKIP_MIGRATIONS=1 skips them).
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "./db/embedded-postgres.mjs";
import { loadEnvFiles } from "./db/load-env-files.mjs";
import { applyMigrations } from "./db/migrations.mjs";

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("usage: node scripts/launch.mjs <command> [args…]   e.g. next dev");
  process.exit(2);
}

loadEnvFiles({ dev: args[0] === "dev" });
// Self-hosted and often offline: no usage reporting unless asked for.
const env = { NEXT_TELEMETRY_DISABLED: "1", ...process.env };
let embedded = null;
if (env.DATABASE_URL) {
  env.AGENTRY_DATABASE_DRIVER = "postgres";
} else {
  const dataDir = path.resolve(env.AGENTRY_DATA_DIR || ".data", "pglite");
  const started = performance.now();
  embedded = await startEmbeddedPostgres({ dataDir, port: Number(env.AGENTRY_EMBEDDED_DB_PORT || 0) });
  env.DATABASE_URL = embedded.url;
  env.AGENTRY_DATABASE_DRIVER = "embedded";
  console.log(`[agentry] embedded PostgreSQL (PGlite) on 127.0.0.1:${embedded.port}, data in ${dataDir} (${Math.round(performance.now() - started)} ms)`);
}

async function shutdown(code) {
  if (embedded) await embedded.stop().catch((error) => console.error("[agentry] closing the embedded database failed:", error));
  process.exit(code);
}

// Until the app runs, a signal stops the launcher cleanly (closing the database, freeing its
// folder); afterwards it is passed on to the app, and the launcher exits when the app does.
let child = null;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => (child ? child.kill(signal) : shutdown(128 + os.constants.signals[signal])));
}

// APP_URL is the public address (links in emails, sign-in redirects); Auth.js reads AUTH_URL.
if (env.APP_URL && !env.AUTH_URL) env.AUTH_URL = env.APP_URL;

// Sessions and magic links are signed with AUTH_SECRET; zero-config installs get one generated
// once and kept in the data folder, so sessions survive restarts.
if (!env.AUTH_SECRET) {
  const secretFile = path.resolve(env.AGENTRY_DATA_DIR || ".data", "auth-secret");
  if (!fs.existsSync(secretFile)) {
    fs.mkdirSync(path.dirname(secretFile), { recursive: true });
    fs.writeFileSync(secretFile, crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
    console.log(`[agentry] generated AUTH_SECRET in ${secretFile} (set AUTH_SECRET to use your own)`);
  }
  env.AUTH_SECRET = fs.readFileSync(secretFile, "utf8").trim();
}

// Credentials are encrypted with AGENTRY_ENCRYPTION_KEY; zero-config installs get one in the
// data folder (back it up with the database: without it, stored credentials cannot be read).
if (!env.AGENTRY_ENCRYPTION_KEY) {
  const keyFile = path.resolve(env.AGENTRY_DATA_DIR || ".data", "encryption-key");
  if (!fs.existsSync(keyFile)) {
    fs.mkdirSync(path.dirname(keyFile), { recursive: true });
    fs.writeFileSync(keyFile, crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
    console.log(`[agentry] generated AGENTRY_ENCRYPTION_KEY in ${keyFile} (set AGENTRY_ENCRYPTION_KEY to use your own)`);
  }
  env.AGENTRY_ENCRYPTION_KEY = fs.readFileSync(keyFile, "utf8").trim();
}

if (env.AGENTRY_SKIP_MIGRATIONS !== "1") {
  try {
    const result = await applyMigrations({ databaseUrl: env.DATABASE_URL, log: (line) => console.log(`[agentry] migration ${line}`) });
    for (const warning of result.warnings) console.warn(`[agentry] warning: ${warning}`);
  } catch (error) {
    console.error(`[agentry] ${error.message}`);
    await shutdown(1);
  }
}

const bin = path.resolve(import.meta.dirname, "../node_modules/.bin", command);
child = spawn(command === "next" ? bin : command, args, { stdio: "inherit", env });
child.on("exit", (code, signal) => shutdown(code ?? 128 + (os.constants.signals[signal] ?? 0)));
