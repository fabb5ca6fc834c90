#!/usr/bin/env node
// Starts a command (next dev / next start) with its database ready:
// - DATABASE_URL set   → that PostgreSQL;
// - DATABASE_URL unset → the embedded PostgreSQL (PGlite) on a data folder (AGENTRY_DATA_DIR,
//   default .data/), served on a loopback port for the app's ordinary Prisma client.
// Pending migrations are applied first either way (AGENTRY_SKIP_MIGRATIONS=1 skips them).
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
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
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"];
for (const signal of SIGNALS) {
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

// Per-IP limits need the socket's address, which Next.js does not pass on (scripts/peer-address.mjs).
if (command === "next") {
  const preload = `--import ${JSON.stringify(new URL("peer-address.mjs", import.meta.url).href)}`;
  env.NODE_OPTIONS = [env.NODE_OPTIONS, preload].filter(Boolean).join(" ");
}

// Under `npm start` the parent is npm's `sh -c`, which dies on the SIGTERM npm passes on without
// passing it further: the parent's death counts as SIGTERM (the server stops cleanly, not orphaned).
const npmShell = env.npm_lifecycle_event ? parentPid() : null;

const bin = path.resolve(import.meta.dirname, "../node_modules/.bin", command);
if (!embedded && command === "next" && args[0] === "start") {
  // Nothing is left for the launcher to do: Next.js takes over this very process (Node has no
  // exec). One process instead of two, and signals reach the server directly — its SIGTERM
  // handling finishes or hands back running executions, then closes the server. (Not for
  // `next dev`, which forks its own server process and does not see this process's env.)
  for (const signal of SIGNALS) process.removeAllListeners(signal);
  for (const [name, value] of Object.entries(env)) process.env[name] = value;
  // What NODE_OPTIONS would preload into a child (--import …) is loaded here instead.
  for (const [, quoted, plain] of (env.NODE_OPTIONS ?? "").matchAll(/--import[= ](?:("(?:[^"\\]|\\.)*")|(\S+))/g)) {
    const specifier = quoted ? JSON.parse(quoted) : plain;
    await import(/^[./]/.test(specifier) ? pathToFileURL(path.resolve(specifier)).href : specifier);
  }
  if (npmShell && args[0] === "start") process.env.AGENTRY_STOP_WITH_PARENT = String(npmShell); // watched by the server (instrumentation.ts)
  process.argv = [process.argv[0], bin, ...args];
  createRequire(import.meta.url)(bin);
} else {
  if (embedded) env.AGENTRY_LAUNCHER_PID = String(process.pid); // the app exits if the launcher (and the database) dies
  child = spawn(command === "next" ? bin : command, args, { stdio: "inherit", env });
  child.on("exit", (code, signal) => shutdown(code ?? 128 + (os.constants.signals[signal] ?? 0)));
  if (npmShell) {
    const watch = setInterval(() => {
      if (parentPid() === npmShell) return;
      clearInterval(watch);
      process.emit("SIGTERM", "SIGTERM");
    }, 500);
    watch.unref();
  }
}

/** This process's parent now (process.ppid is fixed at start-up); null without /proc. */
function parentPid() {
  try {
    const stat = fs.readFileSync("/proc/self/stat", "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null;
  }
}
