import crypto from "node:crypto";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../db/migrations.mjs";
import { createTestDatabase, dropTestDatabases } from "../db/test-database.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseDriver: "postgres" | "embedded";
    /** A migrated database each test file copies (PostgreSQL); "" when files share databaseUrl. */
    databaseTemplate: string;
    /** The label of this run's per-file copies (dropped at the end). */
    databaseFileLabel: string;
  }
}

/**
 * One migrated database for the integration run. On PostgreSQL it is a template: every test file
 * gets a copy of its own (scripts/testing/integration-setup.ts), so files never see each other's
 * rows and their local workers never claim each other's executions. The embedded fallback serves
 * one database, which the files then share (said in the output).
 */
export default async function setup(project: TestProject) {
  const run = crypto.randomBytes(4).toString("hex");
  const database = await createTestDatabase({ label: `int_${run}` });
  await applyMigrations({ databaseUrl: database.url });
  const fileLabel = `int_${run}_f`;
  project.provide("databaseUrl", database.url);
  project.provide("databaseDriver", database.driver);
  project.provide("databaseTemplate", database.driver === "postgres" ? database.name : "");
  project.provide("databaseFileLabel", fileLabel);
  if (database.driver === "postgres") console.log(`[test-db] each test file runs on its own copy of ${database.name}`);
  else console.log("[test-db] embedded PGlite serves one database: the test files share it");
  return async () => {
    if (database.driver === "postgres") await dropTestDatabases(`agentry_${fileLabel}`);
    await database.drop();
  };
}
