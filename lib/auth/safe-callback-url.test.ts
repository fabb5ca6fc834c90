import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "@/lib/auth/safe-callback-url";

const ORIGIN = "http://127.0.0.1:3500";

describe("safeCallbackUrl", () => {
  it.each([
    ["/", "/"],
    ["/workflows", "/workflows"],
    ["/workflows/abc?tab=runs#last", "/workflows/abc?tab=runs#last"],
    ["/invite/tok_123?x=%2F%2Fok", "/invite/tok_123?x=%2F%2Fok"], // encoded slashes in the query are data
    ["/sign-in?callbackUrl=%2Fworkflows&email=a%40b.test", "/sign-in?callbackUrl=%2Fworkflows&email=a%40b.test"],
    ["/files/50%25", "/files/50%25"],
    ["/a b", "/a%20b"],
    // Absolute URLs on exactly the app's origin keep their path.
    ["http://127.0.0.1:3500/workflows?x=1", "/workflows?x=1"],
    ["HTTP://127.0.0.1:3500/executions", "/executions"],
    ["http://127.0.0.1:3500", "/"],
  ])("keeps %j as %j", (value, expected) => {
    expect(safeCallbackUrl(value, ORIGIN)).toBe(expected);
  });

  it.each([
    // the reported one: browsers drop the tab and follow "//evil.example"
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r/evil.example",
    "/\u0000/evil.example",
    "/\u007f/evil.example",
    "\t//evil.example",
    " //evil.example",
    "//evil.example",
    "///evil.example",
    "//evil.example/%2F..",
    "/\\evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/%09/evil.example",
    "/%0a/evil.example",
    "/%2F/evil.example",
    "/%2f%2fevil.example",
    "/%5Cevil.example",
    "/%5c%5cevil.example",
    "/%252F%252Fevil.example", // double-encoded
    "/%25252F/evil.example",
    "%2F%2Fevil.example",
    "http://evil.example/",
    "https://evil.example/workflows",
    "http://127.0.0.1:3500@evil.example/",
    "http://user:pass@127.0.0.1:3500/workflows",
    "http://localhost:3500/workflows", // another host name for the same machine is another origin
    "https://127.0.0.1:3500/workflows",
    "http://127.0.0.1:3501/workflows",
    "http://127.0.0.1:3500//evil.example",
    "http:/evil.example",
    "http:evil.example",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "workflows",
    "",
    "/".padEnd(3000, "a"),
  ])("refuses %j", (value) => {
    expect(safeCallbackUrl(value, ORIGIN)).toBe("/");
  });

  it("refuses non-strings", () => {
    for (const value of [undefined, null, 42, ["/a", "/b"], { href: "/a" }]) expect(safeCallbackUrl(value, ORIGIN)).toBe("/");
  });

  it("accepts only paths when no origin is known", () => {
    expect(safeCallbackUrl("/workflows")).toBe("/workflows");
    expect(safeCallbackUrl("http://127.0.0.1:3500/workflows")).toBe("/");
  });

  it("never yields anything a browser would resolve off the origin", () => {
    const pieces = ["/", "\\", "%2f", "%5c", "%09", "\t", "%252f", ".", "evil.example", "%", "@", ":", "?", "#", "//"];
    for (let i = 0; i < 5_000; i++) {
      let value = "";
      for (let j = 0; j < 1 + (i % 6); j++) value += pieces[(i * 7 + j * 13 + Math.floor(i / 11)) % pieces.length];
      const result = safeCallbackUrl(value, ORIGIN);
      expect(new URL(result, ORIGIN).origin, JSON.stringify(value)).toBe(ORIGIN);
      expect(result.startsWith("/") && !result.startsWith("//") && !result.startsWith("/\\"), JSON.stringify(value)).toBe(true);
    }
  });
});
