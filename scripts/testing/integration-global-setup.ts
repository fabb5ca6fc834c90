import type { TestProject } from "vitest/node";
import { applyMigrations } from "../db/migrations.mjs";
import { createTestDatabase } from "../db/test-database.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseDriver: "postgres" | "embedded";
  }
}

/** One migrated database for the integration run, dropped at the end. */
export default async function setup(project: TestProject) {
  const database = await createTestDatabase({ label: "int" });
  await applyMigrations({ databaseUrl: database.url });
  project.provide("databaseUrl", database.url);
  project.provide("databaseDriver", database.driver);
  return async () => {
    await database.drop();
  };
}
