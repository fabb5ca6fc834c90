#!/usr/bin/env node
// `npm test`: lint, typecheck, unit + integration (vitest), production build, e2e (Playwright in
// Debian's Chromium, installed with apt when missing). Every step runs even when an earlier one
// fails (but e2e needs the build); the last line is the summary CI reads.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ensureChromium } from "./testing/ensure-chromium.mjs";

const root = path.resolve(import.meta.dirname, "..");
const outDir = path.join(root, ".test-output");
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", FORCE_COLOR: process.env.FORCE_COLOR ?? "1", AGENTRY_TEST_REPORT_DIR: outDir };
const bin = (name) => path.join(root, "node_modules/.bin", name);

const steps = [];
function run(name, command, args) {
  console.log(`\n━━ ${name}: ${path.basename(command)} ${args.join(" ")}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, env, stdio: "inherit" });
  const step = { name, ok: result.status === 0, seconds: (Date.now() - started) / 1000 };
  steps.push(step);
  return step;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(path.join(outDir, file), "utf8"));
  } catch {
    return null;
  }
}

run("lint", bin("eslint"), [".", "--max-warnings=0"]);
run("typecheck", bin("tsc"), ["--noEmit"]);
run("unit + integration", bin("vitest"), ["run", "--reporter=default", "--reporter=json", "--outputFile.json=.test-output/vitest.json"]);
const build = run("build", bin("next"), ["build"]);
let chromiumReady = true;
try {
  ensureChromium();
} catch (error) {
  chromiumReady = false;
  console.error(`[e2e] ${error.message}`);
}
if (build.ok && chromiumReady) run("e2e", bin("playwright"), ["test"]);
else steps.push({ name: "e2e", ok: false, seconds: 0, note: build.ok ? "no Chromium" : "skipped: the build failed" });

const vitest = readJson("vitest.json");
const playwright = readJson("playwright.json");
const counts = { passed: 0, failed: 0, skipped: 0 };
if (vitest) {
  counts.passed += vitest.numPassedTests;
  counts.failed += vitest.numFailedTests;
  counts.skipped += vitest.numPendingTests + vitest.numTodoTests;
}
if (playwright) {
  counts.passed += playwright.stats.expected + playwright.stats.flaky;
  counts.failed += playwright.stats.unexpected;
  counts.skipped += playwright.stats.skipped;
}
// A failed step whose runner reported no failed test (lint, typecheck, build, a crash) counts as one.
const reportedFailures = { "unit + integration": vitest?.numFailedTests, e2e: playwright?.stats.unexpected };
for (const step of steps) {
  if (!step.ok && !reportedFailures[step.name]) counts.failed += 1;
}

// CI keeps only the output's tail: name every failed test there.
const failedTests = [];
for (const file of vitest?.testResults ?? []) {
  for (const test of file.assertionResults ?? []) {
    if (test.status === "failed") failedTests.push(`${path.relative(root, file.name)} › ${test.fullName} — ${String(test.failureMessages?.[0] ?? "").split("\n")[0].slice(0, 300)}`);
  }
  if (file.status === "failed" && !(file.assertionResults ?? []).some((test) => test.status === "failed")) failedTests.push(`${path.relative(root, file.name)} — ${String(file.message ?? "").split("\n")[0].slice(0, 300)}`);
}
function collectPlaywrightFailures(suite, trail) {
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests ?? []) {
      if (test.status === "unexpected") {
        const error = test.results?.at(-1)?.error?.message ?? "";
        failedTests.push(`${[...trail, spec.title].join(" › ")} — ${error.replace(/\u001b\[[0-9;]*m/g, "").split("\n")[0].slice(0, 300)}`);
      }
    }
  }
  for (const child of suite.suites ?? []) collectPlaywrightFailures(child, [...trail, child.title]);
}
for (const suite of playwright?.suites ?? []) collectPlaywrightFailures(suite, [suite.title]);

console.log("\n━━ summary");
for (const line of failedTests) console.log(`  ✗ ${line}`);
for (const step of steps) {
  console.log(`  ${step.ok ? "✓" : "✗"} ${step.name.padEnd(20)} ${step.seconds.toFixed(1).padStart(6)} s${step.note ? `  (${step.note})` : ""}`);
}
const allOk = steps.every((step) => step.ok);
// Tests that fell back to embedded PGlite did not test PostgreSQL: the summary line says so.
const fallbacks = fs.existsSync(path.join(outDir, "database-fallbacks.txt")) ? [...new Set(fs.readFileSync(path.join(outDir, "database-fallbacks.txt"), "utf8").split("\n").filter(Boolean))] : [];
for (const line of fallbacks) console.log(`  ! embedded PGlite instead of PostgreSQL — ${line}`);
const fallbackNote = fallbacks.length ? ` — WARNING: ran on the embedded PGlite fallback, not PostgreSQL (${fallbacks.map((line) => line.split(":")[0]).join(", ")})` : "";
console.log(`\nsummary: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped${fallbackNote}`);
process.exit(allOk && counts.failed === 0 ? 0 : 1);
