import crypto from "node:crypto";
import { inject } from "vitest";
import { createTestDatabase } from "../db/test-database.mjs";

// Point lib/env (and so lib/db) at this file's own database before any test imports them: a copy
// of the run's migrated template on PostgreSQL (dropped when the run ends), else the shared one.
const template = inject("databaseTemplate");
process.env.DATABASE_URL = template
  ? (await createTestDatabase({ label: `${inject("databaseFileLabel")}${crypto.randomBytes(3).toString("hex")}`, template, log: () => {} })).url
  : inject("databaseUrl");
process.env.AGENTRY_DATABASE_DRIVER = inject("databaseDriver");
process.env.AUTH_SECRET ??= "integration-test-secret";
process.env.AGENTRY_ENCRYPTION_KEY ??= "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
