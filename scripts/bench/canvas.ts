import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { percentile, type BenchResult } from "./stats";

const ROOT = path.resolve(import.meta.dirname, "../..");
const PORT = 3190;
const BASE = `http://127.0.0.1:${PORT}`;

/** A 1,000-node graph: a grid of transform nodes chained row by row. */
function bigGraph(count = 1000) {
  const nodes = [{ id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, data: { config: {} } }];
  const edges = [];
  for (let i = 1; i < count; i++) {
    nodes.push({ id: `t${i}`, type: "data.transform", position: { x: (i % 40) * 240, y: Math.floor(i / 40) * 120 }, data: { config: { mode: "template", template: `step ${i}` } } } as never);
    edges.push({ id: `e${i}`, source: i === 1 ? "start" : `t${i - 1}`, target: `t${i}` });
  }
  return { nodes, edges };
}

/** Frame times while panning and zooming the editor on a 1,000-node workflow, in Chromium. */
export async function benchCanvas(): Promise<BenchResult[]> {
  if (!fs.existsSync(path.join(ROOT, ".next/BUILD_ID"))) spawnSync("node_modules/.bin/next", ["build"], { cwd: ROOT, stdio: "inherit" });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "agentry-canvas-"));
  const server = spawn("node", ["scripts/launch.mjs", "next", "start", "-p", String(PORT), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: "", SMTP_URL: "", AGENTRY_DEV_OUTBOX: "1", AGENTRY_DATA_DIR: dataDir },
    stdio: "ignore",
  });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"] });
  try {
    for (let i = 0; ; i++) {
      if ((await fetch(`${BASE}/api/health`).catch(() => null))?.ok) break;
      if (i > 120) throw new Error("the server did not start");
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await page.goto(`${BASE}/sign-in`);
    await page.getByLabel("Email").fill("bench@example.test");
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await page.getByRole("link", { name: "dev outbox" }).click();
    await page.getByRole("link", { name: /callback\/email/ }).first().click();
    await page.getByRole("heading", { name: "Overview" }).waitFor();
    const workflow = await (await page.request.post(`${BASE}/api/v1/workflows`, { data: { name: "Big", graph: bigGraph() } })).json();

    const started = performance.now();
    await page.goto(`${BASE}/workflows/${workflow.id}`);
    await page.locator(".react-flow__node").first().waitFor();
    const loadMs = performance.now() - started;

    // As a string: tsx would wrap a function with helpers that do not exist in the page.
    await page.evaluate(`(() => {
      const samples = [];
      window.frameSamples = samples;
      let last = performance.now();
      const tick = (now) => { samples.push(now - last); last = now; requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    })()`);
    const pane = await page.locator(".react-flow__pane").boundingBox();
    const cx = pane!.x + pane!.width / 2;
    const cy = pane!.y + pane!.height / 2;
    for (let round = 0; round < 3; round++) {
      await page.mouse.move(cx, cy);
      await page.mouse.down();
      await page.mouse.move(cx - 400, cy - 200, { steps: 40 });
      await page.mouse.up();
      for (let i = 0; i < 10; i++) await page.mouse.wheel(0, round % 2 ? 120 : -120);
    }
    const frames = (await page.evaluate("window.frameSamples.slice(2)")) as number[];
    const rendered = await page.locator(".react-flow__node").count();
    return [
      { name: "editor load with 1,000 nodes (to first node on screen)", value: loadMs, unit: "ms" },
      { name: `frame time while panning/zooming, p50 (${rendered} nodes in view)`, value: percentile(frames, 50), unit: "ms" },
      { name: "frame time while panning/zooming, p95", value: percentile(frames, 95), unit: "ms" },
    ];
  } finally {
    await browser.close();
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
