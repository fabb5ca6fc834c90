import { inject } from "vitest";

// Point lib/env (and so lib/db) at the run's database before any test imports them.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.AGENTRY_DATABASE_DRIVER = inject("databaseDriver");
process.env.AUTH_SECRET ??= "integration-test-secret";
process.env.AGENTRY_ENCRYPTION_KEY ??= "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
