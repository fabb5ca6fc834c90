// The Docker image's server without Docker (no daemon where tests run): the runtime stage of the
// Dockerfile is replayed on this machine — its COPY --from=builder lines copy from the build just
// made (the builder's /app is this checkout) into an empty folder, its ENV is set, its CMD runs.
// So the image's contents are checked for real: the standalone server has to start from that
// folder alone (no node_modules of the checkout above it), migrate a fresh PostgreSQL database
// and answer /api/health/ready, pages and their static assets.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { createTestDatabase } from "../scripts/db/test-database.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const PORT = 3107;

type RuntimeStage = { copies: { from: string; to: string }[]; env: Record<string, string>; cmd: string[]; workdir: string };

/** The last stage of the Dockerfile: its COPY --from=builder, ENV, WORKDIR and CMD. */
function readRuntimeStage(): RuntimeStage {
  const text = fs.readFileSync(path.join(ROOT, "Dockerfile"), "utf8").replace(/\\\n/g, " ");
  const stage = text.split(/^FROM /m).at(-1)!;
  const stageLines = stage.split("\n").map((line) => line.trim());
  const result: RuntimeStage = { copies: [], env: {}, cmd: [], workdir: "/" };
  for (const line of stageLines) {
    const [instruction, ...rest] = line.split(/\s+/);
    if (instruction === "WORKDIR") result.workdir = rest[0]!;
    if (instruction === "COPY" && line.includes("--from=builder")) {
      const paths = rest.filter((part) => !part.startsWith("--"));
      result.copies.push({ from: paths[0]!, to: paths[1]! });
    }
    if (instruction === "ENV") for (const [, name, value] of rest.join(" ").matchAll(/(\w+)=(\S+)/g)) result.env[name!] = value!;
    if (instruction === "CMD") result.cmd = JSON.parse(rest.join(" "));
  }
  return result;
}

test("the standalone server, laid out as the Dockerfile's runtime stage, migrates and serves", async () => {
  test.setTimeout(180_000);
  const standalone = path.join(ROOT, ".next/standalone/server.js");
  expect(fs.existsSync(standalone), "`next build` writes .next/standalone (next.config.mjs)").toBe(true);

  const stage = readRuntimeStage();
  expect(stage.copies.length).toBeGreaterThanOrEqual(3);
  const image = fs.mkdtempSync(path.join(os.tmpdir(), "agentry-image-"));
  const workdir = path.join(image, stage.workdir);
  const database = await createTestDatabase({ label: "standalone", log: () => {} });
  try {
    for (const { from, to } of stage.copies) {
      const source = path.join(ROOT, path.relative("/app", from));
      const target = path.resolve(workdir, to);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.cpSync(source, target, { recursive: true, verbatimSymlinks: true });
    }
    const dataDir = path.join(image, "data");
    fs.mkdirSync(dataDir);
    const [command, ...args] = stage.cmd;
    expect(command).toBe("node");
    // The image's ENV, on this machine's loopback and a free port; the data volume in the folder.
    const env = { PATH: process.env.PATH ?? "", NODE_ENV: "production", ...stage.env, PORT: String(PORT), HOSTNAME: "127.0.0.1", AGENTRY_DATA_DIR: dataDir, DATABASE_URL: database.url };
    const server = spawn(process.execPath, args, { cwd: workdir, env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    server.stdout!.on("data", (chunk) => (output += chunk));
    server.stderr!.on("data", (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
    try {
      await expect
        .poll(() => fetch(`http://127.0.0.1:${PORT}/api/health/ready`).then((response) => response.status, () => 0), { timeout: 90_000, message: `the standalone server to be ready:\n${output}` })
        .toBe(200);
      const ready = await (await fetch(`http://127.0.0.1:${PORT}/api/health/ready`)).json();
      expect(ready).toMatchObject({ status: "ok", checks: { database: { status: "ok", driver: "postgres" } } });
      // The launcher applied the migrations and generated the install's secrets into the volume.
      expect(output).toMatch(/\[agentry\] migration/);
      expect(fs.existsSync(path.join(dataDir, "auth-secret"))).toBe(true);
      expect(fs.existsSync(path.join(dataDir, "encryption-key"))).toBe(true);

      // A page and the static assets it loads (copied into .next/static by the Dockerfile).
      const page = await fetch(`http://127.0.0.1:${PORT}/sign-in`);
      expect(page.status).toBe(200);
      const html = await page.text();
      const asset = /\/_next\/static\/[^"']+\.js/.exec(html)?.[0];
      expect(asset, "the page references a static chunk").toBeTruthy();
      expect((await fetch(`http://127.0.0.1:${PORT}${asset}`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${PORT}/favicon.svg`)).status).toBe(200);
      // Per-IP limits see the TCP peer (scripts/peer-address.mjs preloaded by the CMD).
      expect(output).not.toMatch(/Cannot find module|ERR_MODULE_NOT_FOUND/);
    } finally {
      server.kill("SIGTERM");
      // The launcher passes SIGTERM on and exits when the server does (as `docker stop` expects).
      expect(await exited).not.toBeNull();
    }
  } finally {
    await database.drop();
    fs.rmSync(image, { recursive: true, force: true });
  }
});
