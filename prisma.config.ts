import path from "node:path";
import { defineConfig } from "prisma/config";

// The CLI must never try to download its native engine (no internet here): see the stub.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve("scripts/prisma-engine-stub.mjs");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  // `env("DATABASE_URL")` would throw during a postinstall `prisma generate` with no .env.
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
