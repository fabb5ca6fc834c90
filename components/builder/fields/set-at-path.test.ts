import { describe, expect, it } from "vitest";
import { setAtPath } from "@/components/builder/fields/set-at-path";

describe("setAtPath", () => {
  it("sets a top-level field or one inside a list item, leaving the rest and the original untouched", () => {
    const config = { provider: "openai", tools: [{ type: "code" }, { type: "http", methods: ["GET"] }] };
    expect(setAtPath(config, "credentialId", "c1")).toEqual({ ...config, credentialId: "c1" });
    const changed = setAtPath(config, "tools.1.credentialId", "c2");
    expect(changed).toEqual({ provider: "openai", tools: [{ type: "code" }, { type: "http", methods: ["GET"], credentialId: "c2" }] });
    expect(config.tools[1]).toEqual({ type: "http", methods: ["GET"] });
    expect(Array.isArray(changed.tools)).toBe(true);
  });
});
