import path from "node:path";
import { defineConfig } from "@playwright/test";

// Two production servers (`next build` first, see scripts/test.mjs) on one build:
// - :3100 on a real PostgreSQL database created for this run (scripts/with-test-database.mjs),
//   sending real email over SMTP to a local sink (scripts/testing/smtp-sink.mjs, read on :2526);
// - :3101 with no DATABASE_URL and no SMTP at all, as a newcomer runs it: embedded PGlite in a
//   fresh folder, emails in the dev outbox (shown in this production build by AGENTRY_DEV_OUTBOX).
export const POSTGRES_SERVER = "http://127.0.0.1:3100";
export const EMBEDDED_SERVER = "http://127.0.0.1:3101";
export const MAIL_SINK = "http://127.0.0.1:2526";
export const FAKE_LLM = "http://127.0.0.1:2530";

// Workers re-evaluate this file; the run id keeps them on the main process's data folder.
process.env.AGENTRY_E2E_RUN ??= String(Date.now());
const embeddedDataDir = path.resolve(".test-output", `e2e-embedded-${process.env.AGENTRY_E2E_RUN}`);

export default defineConfig({
  testDir: "e2e",
  outputDir: ".test-output/playwright",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  // The specs are whole user journeys, two at a time on a shared 2-core machine: generous
  // budgets, so a busy machine is slow, not red (no retries hide a real failure).
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: ".test-output/playwright.json" }]],
  use: {
    baseURL: POSTGRES_SERVER,
    browserName: "chromium",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-quic", "--no-first-run", "--disable-sync"],
    },
  },
  webServer: [
    {
      command: "node scripts/testing/smtp-sink.mjs",
      url: `${MAIL_SINK}/health`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: "node_modules/.bin/tsx scripts/testing/run-fake-llm.ts",
      url: `${FAKE_LLM}/health`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: "node scripts/with-test-database.mjs node scripts/launch.mjs next start -p 3100 -H 127.0.0.1",
      url: `${POSTGRES_SERVER}/api/health`,
      // HTTP nodes may call this server itself (as "localhost"); agents talk to the fake LLM.
      // APP_URL on a loopback IP: links and sign-in redirects must keep 127.0.0.1, not localhost.
      // Every spec signs in from 127.0.0.1: one client address, so its sign-in limit is raised.
      env: { AGENTRY_SIGN_IN_IP_LIMIT: "10000", APP_URL: POSTGRES_SERVER, SMTP_URL: "smtp://127.0.0.1:2525", AGENTRY_DATA_DIR: path.resolve(".test-output", "e2e-postgres"), AGENTRY_HTTP_ALLOW: "localhost", OPENAI_BASE_URL: `${FAKE_LLM}/v1` },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    },
    {
      command: "node scripts/launch.mjs next start -p 3101 -H 127.0.0.1",
      url: `${EMBEDDED_SERVER}/api/health`,
      env: { AGENTRY_SIGN_IN_IP_LIMIT: "10000", DATABASE_URL: "", SMTP_URL: "", AGENTRY_DEV_OUTBOX: "1", AGENTRY_DATA_DIR: embeddedDataDir },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    },
  ],
});
