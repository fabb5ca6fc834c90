import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { applyMigrations, MigrationError, migrationStatus, readMigrations } from "./migrations.mjs";
import { createTestDatabase } from "./test-database.mjs";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function freshDatabase() {
  const database = await createTestDatabase({ label: "mig", log: () => {} });
  cleanups.push(database.drop);
  return database;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

function migrationsDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "agentry-migrations-"));
  for (const [name, sql] of Object.entries(files)) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe("applyMigrations on a real database", () => {
  it("applies the project's migrations once, recording Prisma-compatible checksums", async () => {
    const { url } = await freshDatabase();
    const first = await applyMigrations({ databaseUrl: url });
    const expected = readMigrations().map((migration) => migration.name);
    expect(first.applied).toEqual(expected);

    const tables = await query<{ table_name: string }>(url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
    expect(tables.map((row) => row.table_name)).toEqual(expect.arrayContaining(["User", "Account", "Session", "VerificationToken", "_prisma_migrations"]));

    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      url,
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    const first_ = readMigrations()[0]!;
    expect(rows[0]).toMatchObject({ migration_name: first_.name, checksum: crypto.createHash("sha256").update(first_.sql).digest("hex") });
    expect(rows.every((row) => row.finished_at !== null)).toBe(true);

    const second = await applyMigrations({ databaseUrl: url });
    expect(second.applied).toEqual([]);
    expect(await query(url, `SELECT 1 FROM "_prisma_migrations"`)).toHaveLength(expected.length);
    expect(await migrationStatus({ databaseUrl: url })).toEqual({ applied: expected, pending: [] });
  });

  it("rolls a failing migration back completely and applies it once fixed", async () => {
    const { url } = await freshDatabase();
    const dir = migrationsDir({
      "20260101000000_first": `CREATE TABLE "Alpha" (id TEXT PRIMARY KEY);`,
      "20260102000000_broken": `CREATE TABLE "Beta" (id TEXT PRIMARY KEY);\nINSERT INTO "Alpha" (id) VALUES ('kept-out');\nSELECT no_such_function();`,
    });

    const failure = await applyMigrations({ databaseUrl: url, migrationsDir: dir }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as MigrationError).migration).toBe("20260102000000_broken");

    const tables = await query<{ table_name: string }>(url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
    expect(tables.map((row) => row.table_name)).not.toContain("Beta");
    expect(await query(url, `SELECT * FROM "Alpha"`)).toEqual([]);
    expect(await migrationStatus({ databaseUrl: url, migrationsDir: dir })).toEqual({
      applied: ["20260101000000_first"],
      pending: ["20260102000000_broken"],
    });

    fs.writeFileSync(path.join(dir, "20260102000000_broken", "migration.sql"), `CREATE TABLE "Beta" (id TEXT PRIMARY KEY);`);
    const retry = await applyMigrations({ databaseUrl: url, migrationsDir: dir });
    expect(retry.applied).toEqual(["20260102000000_broken"]);
  });

  it("applies each migration once when two processes migrate at the same time", async (context) => {
    const { url, driver } = await freshDatabase();
    // PGlite multiplexes every connection onto one session, so session advisory locks cannot
    // exclude each other; the embedded database has a single migrator (the launcher) anyway.
    if (driver === "embedded") context.skip();
    const results = await Promise.all([applyMigrations({ databaseUrl: url }), applyMigrations({ databaseUrl: url })]);
    const appliedTotal = results.flatMap((result) => result.applied);
    expect(appliedTotal).toEqual(readMigrations().map((migration) => migration.name));
    expect(await query(url, `SELECT 1 FROM "_prisma_migrations"`)).toHaveLength(readMigrations().length);
  });

  it("warns when an applied migration was edited afterwards", async () => {
    const { url } = await freshDatabase();
    const dir = migrationsDir({ "20260101000000_first": `CREATE TABLE "Alpha" (id TEXT PRIMARY KEY);` });
    await applyMigrations({ databaseUrl: url, migrationsDir: dir });
    fs.appendFileSync(path.join(dir, "20260101000000_first", "migration.sql"), "\n-- edited");
    const result = await applyMigrations({ databaseUrl: url, migrationsDir: dir });
    expect(result.applied).toEqual([]);
    expect(result.warnings).toEqual([expect.stringContaining("20260101000000_first was edited")]);
  });
});
