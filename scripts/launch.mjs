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

/** A secret the install needs: from the environment, else generated once into the data folder. */
function ensureSecret(name, fileName) {
  if (env[name]) return;
  const file = path.resolve(env.AGENTRY_DATA_DIR || ".data", fileName);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
    console.log(`[agentry] generated ${name} in ${file} (set ${name} to use your own)`);
  }
  env[name] = fs.readFileSync(file, "utf8").trim();
}
// Sessions and magic links are signed with AUTH_SECRET (kept, so sessions survive restarts).
ensureSecret("AUTH_SECRET", "auth-secret");
// Credentials are encrypted with AGENTRY_ENCRYPTION_KEY: back the file up with the database;
// without it, stored credentials cannot be read.
ensureSecret("AGENTRY_ENCRYPTION_KEY", "encryption-key");

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
