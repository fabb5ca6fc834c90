import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { CodeSandboxPool, createQuickJsCodePort } from "@/lib/outbound/quickjs-code-port";

const pool = new CodeSandboxPool({ size: 2 });
afterAll(() => pool.close());
const code = createQuickJsCodePort({ pool });
const limits = { timeoutMs: 300, memoryBytes: 16 * 1024 * 1024 };

describe("Code node sandbox (QuickJS)", () => {
  it("computes a JSON result from the input", async () => {
    const source = "return { total: input.items.reduce((sum, item) => sum + item.price, 0), names: input.items.map(i => i.name.toUpperCase()) };";
    expect(await code.run(source, { items: [{ name: "a", price: 2 }, { name: "b", price: 3 }] }, limits)).toEqual({ total: 5, names: ["A", "B"] });
    expect(await code.run("return undefined;", {}, limits)).toBeNull();
  });

  it("reports thrown errors", async () => {
    await expect(code.run("throw new TypeError('bad input')", {}, limits)).rejects.toThrow(/TypeError: bad input/);
  });

  it("has no way out to Node.js: no require, process, globalThis escapes or imports", async () => {
    expect(await code.run("return [typeof require, typeof process, typeof Buffer, typeof fetch, typeof setTimeout];", {}, limits)).toEqual(["undefined", "undefined", "undefined", "undefined", "undefined"]);
    expect(await code.run("return (function(){ return this })().process === undefined;", {}, limits)).toBe(true);
    await expect(code.run("return this.constructor.constructor('return process')().env", {}, limits)).rejects.toThrow(/'process' is not defined/);
    // No module loader: a dynamic import never yields a module.
    expect(await code.run("let fs = null; import('fs').then((m) => { fs = m; }); return fs;", {}, limits)).toBeNull();
  });

  it("stops infinite loops at the CPU deadline", async () => {
    const started = Date.now();
    await expect(code.run("while (true) {}", {}, limits)).rejects.toThrow(/longer than 300 ms/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  // quickjs-emscripten 0.32's QuickJS build has no malloc_usable_size, so setMemoryLimit alone
  // undercounts (~8 bytes per allocation) and used to let a run grow to 2 GB (issue 17): the cap
  // is the run's own WebAssembly memory, whose maximum is the limit (+ 4 MB for QuickJS itself).
  it("stops runaway memory at the cap, well before a far deadline", async () => {
    const started = Date.now();
    await expect(code.run("const a = []; while (true) a.push('x'.repeat(1e5) + a.length);", {}, { ...limits, timeoutMs: 3000 })).rejects.toThrow(/more than 16 MB/);
    await expect(code.run("return 'x'.repeat(2 ** 29).length;", {}, { ...limits, timeoutMs: 3000 })).rejects.toThrow(/more than 16 MB/);
    await expect(code.run("const a = []; for (;;) a.push({ n: a.length });", {}, { timeoutMs: 3000, memoryBytes: 32 * 1024 * 1024 })).rejects.toThrow(/more than 32 MB/);
    expect(Date.now() - started).toBeLessThan(2500);
    // Within the cap, memory-hungry code still works.
    expect(await code.run("const a = []; for (let i = 0; i < 100000; i++) a.push({ i }); return a.length;", {}, { timeoutMs: 3000, memoryBytes: 32 * 1024 * 1024 })).toBe(100000);
  });

  it("keeps the main thread answering while a code node spins (it runs in a worker thread)", async () => {
    const server = http.createServer((_request, response) => response.end("ok"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      await code.run("return 0;", {}, limits); // a warm worker, so the spin starts at once
      await fetch(`http://127.0.0.1:${port}/`).then((response) => response.text()); // and a warm client
      const spinning = code.run("while (true) {}", {}, { ...limits, timeoutMs: 3000 });
      const settled = spinning.catch((error: Error) => error);
      const started = Date.now();
      const timerLags: number[] = [];
      const requestTimes: number[] = [];
      while (Date.now() - started < 1000) {
        const before = Date.now();
        await new Promise((resolve) => setTimeout(resolve, 20));
        timerLags.push(Date.now() - before - 20);
        const sent = Date.now();
        const body = await fetch(`http://127.0.0.1:${port}/`).then((response) => response.text());
        expect(body).toBe("ok");
        requestTimes.push(Date.now() - sent);
      }
      expect(timerLags.length).toBeGreaterThan(10);
      // A stalled loop would wait out the whole 3 s run (≥ 2 s past the sampling window); the
      // bound leaves room for a busy, shared test machine without letting a stall pass.
      expect(Math.max(...timerLags)).toBeLessThan(1000);
      expect(Math.max(...requestTimes)).toBeLessThan(1000);
      // Another code run is not stuck behind the spinning one either.
      const otherStarted = Date.now();
      expect(await code.run("return 2;", {}, limits)).toBe(2);
      expect(Date.now() - otherStarted).toBeLessThan(2000);
      expect(((await settled) as Error).message).toMatch(/longer than 3000 ms/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("survives 50 unbounded recursions with a clean message, then runs normal code", async () => {
    for (let run = 0; run < 50; run++) {
      const source = run % 2 === 0 ? "function f(n) { return f(n + 1) + 1; } return f(0);" : "const o = { get x() { return this.x; } }; return o.x;";
      const error = (await code.run(source, {}, limits).catch((caught: Error) => caught)) as Error;
      expect(error.message).toMatch(/Maximum call stack size exceeded/);
      expect(error.message).not.toMatch(/quickjs\.c|Assertion|Aborted|wasm/i);
    }
    expect(await code.run("return 1 + 1;", {}, limits)).toBe(2);
    // Deep but bounded recursion still works.
    expect(await code.run("function depth(n) { return n === 0 ? 0 : 1 + depth(n - 1); } return depth(2000);", {}, limits)).toBe(2000);
  });

  it("stops a run when it is cancelled (the worker is terminated)", async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(new Error("cancelled")), 100);
    await expect(code.run("while (true) {}", {}, { ...limits, timeoutMs: 10_000 }, controller.signal)).rejects.toThrow(/cancelled/);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await code.run("return 'next';", {}, limits)).toBe("next");
  });

  it("cannot poison the next run", async () => {
    await code.run("Object.prototype.polluted = true; globalThis.leak = 1; return 1;", {}, limits);
    expect(await code.run("return [({}).polluted, typeof leak];", {}, limits)).toEqual([null, "undefined"]);
  });
});
