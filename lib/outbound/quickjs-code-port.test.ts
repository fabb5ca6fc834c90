import { describe, expect, it } from "vitest";
import { createQuickJsCodePort } from "@/lib/outbound/quickjs-code-port";

const code = createQuickJsCodePort();
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

  it("stops runaway memory at the cap", async () => {
    await expect(code.run("const a = []; while (true) a.push('x'.repeat(1e5));", {}, limits)).rejects.toThrow(/more than 16 MB|longer than/);
  });

  it("cannot poison the next run", async () => {
    await code.run("Object.prototype.polluted = true; globalThis.leak = 1; return 1;", {}, limits);
    expect(await code.run("return [({}).polluted, typeof leak];", {}, limits)).toEqual([null, "undefined"]);
  });
});
