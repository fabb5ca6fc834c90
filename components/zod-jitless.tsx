"use client";

import { z } from "zod";

// The studio's Content-Security-Policy has no 'unsafe-eval' (next.config.mjs). zod 4 would probe
// for `new Function` on its first parse to JIT-compile object schemas, and the browser reports
// that probe as a CSP violation even though zod catches it: in the browser, zod runs jitless.
if (typeof window !== "undefined") z.config({ jitless: true });

/** Rendered once in the root layout so the setting above is applied before any page parses. */
export function ZodJitless() {
  return null;
}
