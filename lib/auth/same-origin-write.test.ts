import { afterEach, describe, expect, it } from "vitest";
import { assertSameOriginWrite } from "@/lib/auth/same-origin-write";

const request = (method: string, headers: Record<string, string>) => new Request("http://localhost:3000/api/v1/workflows", { method, headers: { host: "studio.example:3000", ...headers } });

describe("cookie-authenticated writes come from the app's own pages", () => {
  afterEach(() => {
    delete process.env.APP_URL;
  });

  it("refuses a write whose Origin is another site, or that the browser marks cross-site", () => {
    for (const headers of <Record<string, string>[]>[{ origin: "https://evil.example" }, { origin: "http://studio.example:3001" }, { origin: "null" }, { "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "same-site" }]) {
      expect(() => assertSameOriginWrite(request("POST", headers))).toThrow(expect.objectContaining({ code: "forbidden" }));
    }
    expect(() => assertSameOriginWrite(request("DELETE", { origin: "https://evil.example" }))).toThrow(/Cross-site request refused/);
  });

  it("lets same-origin writes, reads and non-browser clients through", () => {
    expect(() => assertSameOriginWrite(request("POST", { origin: "http://studio.example:3000", "sec-fetch-site": "same-origin" }))).not.toThrow();
    expect(() => assertSameOriginWrite(request("PATCH", { origin: "https://proxy.example", "x-forwarded-host": "proxy.example" }))).not.toThrow();
    expect(() => assertSameOriginWrite(request("POST", {}))).not.toThrow(); // curl with a cookie
    expect(() => assertSameOriginWrite(request("GET", { origin: "https://evil.example" }))).not.toThrow();
    process.env.APP_URL = "https://agentry.example.com";
    expect(() => assertSameOriginWrite(request("POST", { origin: "https://agentry.example.com" }))).not.toThrow();
  });
});
