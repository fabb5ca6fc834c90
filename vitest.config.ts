import path from "node:path";
import { defineConfig } from "vitest/config";

// Two projects: unit (no I/O) and integration (a real PostgreSQL database created for the run,
// see scripts/testing/integration-global-setup.ts). Integration files end in `.int.test.ts`.
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    // next-auth imports "next/server" without an extension, which only a bundler resolves.
    server: { deps: { inline: ["next-auth", "@auth/core"] } },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["{lib,scripts,components,app,inngest}/**/*.test.{ts,tsx}"],
          exclude: ["**/*.int.test.{ts,tsx}"],
          environment: "node",
          // They run beside the integration files on a shared 2-core machine: a few wait on
          // worker threads and child processes for seconds by design.
          testTimeout: 15_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["{lib,scripts,app,inngest}/**/*.int.test.{ts,tsx}"],
          environment: "node",
          globalSetup: ["scripts/testing/integration-global-setup.ts"],
          setupFiles: ["scripts/testing/integration-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
