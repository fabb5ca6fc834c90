import { expect, test, type Page } from "@playwright/test";
import { signInWithEmail, uniqueEmail } from "./support/mail";

test.use({ viewport: { width: 1600, height: 900 } });

/** Collects Content-Security-Policy violations the page reports. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction("reportCspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { reportCspViolation(text: string): void }).reportCspViolation(`${location.pathname}: ${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test("security headers on pages and API answers, and the studio works under the CSP", async ({ page, request }) => {
  const violations = await watchCsp(page);
  const signInPage = await page.goto("/sign-in");
  const headers = signInPage!.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).toContain("default-src 'self'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  const api = await request.get("/api/health");
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
  expect(api.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");

  // The studio, the canvas (React Flow's inline styles) and a run all work under the policy.
  await signInWithEmail(page, uniqueEmail("csp"));
  await page.goto("/workflows");
  await page.getByLabel("Name").fill("Under CSP");
  await page.getByRole("button", { name: "Create workflow" }).click(); // opens the editor
  await expect(page.getByRole("toolbar", { name: "Editor" })).toBeVisible();
  await page.getByTestId("palette-trigger.manual").dragTo(page.locator(".react-flow__pane"), { targetPosition: { x: 80, y: 120 } });
  await expect(page.locator(".react-flow__node")).toHaveCount(1);
  const box = await page.locator(".react-flow__node").boundingBox();
  expect(box!.x).toBeGreaterThan(0); // positioned by inline style, not stacked at 0,0
  await page.goto("/executions");
  await page.goto("/dashboards");
  expect(violations).toEqual([]);

  // Another site cannot frame the studio.
  await page.setContent(`<iframe id="framed" src="${new URL("/workflows", page.url()).toString()}"></iframe>`);
  await page.waitForTimeout(1000);
  const framed = page.frames().find((frame) => frame !== page.mainFrame());
  expect(await framed?.locator("text=Workflows").count().catch(() => 0)).toBe(0);
});

test("a code node that loops does not stall the server for anyone else", async ({ page }) => {
  await signInWithEmail(page, uniqueEmail("spinner"));
  const graph = {
    nodes: [
      { id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, data: { config: {} } },
      { id: "spin", type: "data.code", position: { x: 0, y: 0 }, data: { config: { source: "while (true) {}", timeoutMs: 4000 } } },
    ],
    edges: [{ id: "e1", source: "start", target: "spin" }],
  };
  const created = await page.request.post("/api/v1/workflows", { data: { name: "Spinner", graph } });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  expect((await page.request.post(`/api/v1/workflows/${id}/publish`, { data: {} })).status()).toBe(201);
  const started = await page.request.post(`/api/v1/workflows/${id}/executions`, { data: { input: {} } });
  expect(started.status()).toBe(202);
  const execution = await started.json();
  await expect.poll(async () => (await (await page.request.get(`/api/v1/executions/${execution.id}`)).json()).status).toBe("running");

  const latencies: number[] = [];
  for (let probe = 0; probe < 10; probe++) {
    const sent = Date.now();
    expect((await page.request.get("/api/health/ready")).status()).toBe(200);
    latencies.push(Date.now() - sent);
    await page.waitForTimeout(200);
  }
  expect(Math.max(...latencies)).toBeLessThan(1000);
  await expect
    .poll(async () => (await (await page.request.get(`/api/v1/executions/${execution.id}`)).json()).status, { timeout: 15_000 })
    .toBe("failed");
  const detail = await (await page.request.get(`/api/v1/executions/${execution.id}`)).json();
  expect(JSON.stringify(detail)).toMatch(/ran longer than 4000 ms/);
});

test("code node failures are short and human, and never break the sandbox for the next run", async ({ page }) => {
  await signInWithEmail(page, uniqueEmail("sandbox"));
  async function runCode(source: string): Promise<{ status: string; text: string }> {
    const graph = {
      nodes: [
        { id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, data: { config: {} } },
        { id: "code", type: "data.code", position: { x: 0, y: 0 }, data: { config: { source, timeoutMs: 5000, memoryMb: 16 } } },
      ],
      edges: [{ id: "e1", source: "start", target: "code" }],
    };
    const { id } = await (await page.request.post("/api/v1/workflows", { data: { name: `Code ${Math.random()}`, graph } })).json();
    expect((await page.request.post(`/api/v1/workflows/${id}/publish`, { data: {} })).status()).toBe(201);
    const execution = await (await page.request.post(`/api/v1/workflows/${id}/executions`, { data: { input: {} } })).json();
    let detail: { status: string } = { status: "queued" };
    await expect
      .poll(async () => (detail = await (await page.request.get(`/api/v1/executions/${execution.id}`)).json()).status, { timeout: 15_000 })
      .toMatch(/completed|failed/);
    return { status: detail.status, text: JSON.stringify(detail) };
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    const overflow = await runCode("function f(n) { return f(n + 1) + 1; } return f(0);");
    expect(overflow.status).toBe("failed");
    expect(overflow.text).toContain("Maximum call stack size exceeded");
    expect(overflow.text).not.toMatch(/quickjs\.c|Assertion|Aborted/);
  }
  const hungry = await runCode("const a = []; while (true) a.push('x'.repeat(1e5) + a.length);");
  expect(hungry.text).toContain("used more than 16 MB");
  const normal = await runCode("return 1 + 1;");
  expect(normal.status).toBe("completed");
  expect(normal.text).toContain('"output":2');
});
