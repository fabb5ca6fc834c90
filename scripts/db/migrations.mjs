// Applies prisma/migrations with plain SQL, byte-compatible with Prisma's own migration table:
// Prisma's advisory lock, its `_prisma_migrations` definition and SHA-256 checksums, so
// `prisma migrate status` on a machine with the native engine agrees. Each migration runs in
// one transaction together with its bookkeeping row: a failure leaves the database as it was.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

export const DEFAULT_MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../prisma/migrations");
const PRISMA_ADVISORY_LOCK_ID = 72707369;

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export class MigrationError extends Error {
  constructor(message, { migration, cause } = {}) {
    super(message, { cause });
    this.name = "MigrationError";
    this.migration = migration;
  }
}

/** Migration folders in apply order: `{ name, sql, checksum }`. */
export function readMigrations(migrationsDir = DEFAULT_MIGRATIONS_DIR) {
  if (!fs.existsSync(migrationsDir)) return [];
  return fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(migrationsDir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

/**
 * Applies pending migrations. Idempotent: a second call applies nothing.
 * @returns {Promise<{ applied: string[], alreadyApplied: string[], warnings: string[] }>}
 */
export async function applyMigrations({ databaseUrl, migrationsDir = DEFAULT_MIGRATIONS_DIR, log = () => {} }) {
  const migrations = readMigrations(migrationsDir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(${PRISMA_ADVISORY_LOCK_ID})`);
    try {
      await client.query(CREATE_MIGRATIONS_TABLE);
      const { rows } = await client.query(
        `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
      );
      const unfinished = rows.filter((row) => row.finished_at === null);
      if (unfinished.length > 0) {
        throw new MigrationError(
          `Migration ${unfinished[0].migration_name} was started but never finished (it was applied by another ` +
            "tool that does not use transactions). Fix the database by hand, then mark it rolled back.",
          { migration: unfinished[0].migration_name },
        );
      }
      const appliedByName = new Map(rows.map((row) => [row.migration_name, row]));
      const warnings = [];
      for (const migration of migrations) {
        const applied = appliedByName.get(migration.name);
        if (applied && applied.checksum !== migration.checksum) {
          warnings.push(`Migration ${migration.name} was edited after it was applied (checksum differs).`);
        }
      }
      const known = new Set(migrations.map((migration) => migration.name));
      for (const name of appliedByName.keys()) {
        if (!known.has(name)) warnings.push(`Migration ${name} is in the database but not in ${migrationsDir}.`);
      }
      const pending = migrations.filter((migration) => !appliedByName.has(migration.name));
      const applied = [];
      for (const migration of pending) {
        await applyOne(client, migration);
        applied.push(migration.name);
        log(`applied ${migration.name}`);
      }
      return { applied, alreadyApplied: [...appliedByName.keys()], warnings };
    } finally {
      await client.query(`SELECT pg_advisory_unlock(${PRISMA_ADVISORY_LOCK_ID})`);
    }
  } finally {
    await client.end();
  }
}

async function applyOne(client, migration) {
  const id = crypto.randomUUID();
  await client.query("BEGIN");
  try {
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`,
      [id, migration.checksum, migration.name],
    );
    await client.query(migration.sql);
    await client.query(
      `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
      [id],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${error.message}`, {
      migration: migration.name,
      cause: error,
    });
  }
}

/** Applied and pending migration names, without changing anything. */
export async function migrationStatus({ databaseUrl, migrationsDir = DEFAULT_MIGRATIONS_DIR }) {
  const migrations = readMigrations(migrationsDir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: tables } = await client.query(`SELECT to_regclass('"_prisma_migrations"') AS name`);
    const rows = tables[0].name
      ? (await client.query(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)).rows
      : [];
    const applied = new Set(rows.map((row) => row.migration_name));
    return {
      applied: migrations.filter((migration) => applied.has(migration.name)).map((migration) => migration.name),
      pending: migrations.filter((migration) => !applied.has(migration.name)).map((migration) => migration.name),
    };
  } finally {
    await client.end();
  }
}
