#!/usr/bin/env node
// Prisma 7's CLI downloads a native schema engine before every command, and that download is
// impossible offline. `prisma generate` never needs the engine, only a binary that answers
// --version, so prisma.config.ts points PRISMA_SCHEMA_ENGINE_BINARY here. Migrations run
// through scripts/db-migrate.mjs instead (see docs/database.md).
if (process.argv.includes("--version")) {
  console.log("schema-engine-cli 0.0.0-offline-stub");
  process.exit(0);
}
console.error(
  "The native Prisma schema engine is not available offline. Use `npm run db:migrate` " +
    "(apply) or `npm run db:migrate:dev -- --name <name>` (create) instead of the prisma CLI.",
);
process.exit(1);
