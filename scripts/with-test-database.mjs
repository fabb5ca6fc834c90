#!/usr/bin/env node
// Runs a command with DATABASE_URL pointing at a database created for it, dropped afterwards.
// e2e uses it: `node scripts/with-test-database.mjs node scripts/launch.mjs next start -p 3100`.
import { spawn } from "node:child_process";
import { createTestDatabase } from "./db/test-database.mjs";

const [command, ...args] = process.argv.slice(2);
const database = await createTestDatabase({ label: "e2e" });
const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, DATABASE_URL: database.url } });
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
child.on("exit", async (code) => {
  await database.drop().catch((error) => console.error(`[test-db] could not drop ${database.name}: ${error.message}`));
  process.exit(code ?? 0);
});
