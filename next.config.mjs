import { PHASE_PRODUCTION_BUILD } from "next/constants.js";

const dev = process.env.NODE_ENV !== "production";

// Security headers on every response, pages and API alike (docs/accounts.md, "Browser protections").
// Next.js hydrates with inline scripts and React Flow positions nodes with inline styles, hence
// 'unsafe-inline' for those two; everything else is same-origin only. The development server
// also needs eval (React Refresh) and its HMR websocket.
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "font-src 'self' data:",
  `connect-src 'self'${dev ? " ws: wss:" : ""}`,
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
  // pg and the embedded database are Node-only; the document parsers (PDF.js inside unpdf, mammoth) load as plain Node modules.
  serverExternalPackages: ["pg", "@electric-sql/pglite", "unpdf", "mammoth"],
  poweredByHeader: false,
  // `npm test` type-checks the whole project (tests included) in its own step; the build only
  // compiles, so a type error is reported once, by tsc, and does not hide the e2e results.
  typescript: { ignoreBuildErrors: true },
};

// The build also writes .next/standalone (the Docker image's server, docs/self-hosting.md). Only
// the build sets `output`: `next start` (npm start, e2e) keeps serving .next as before, and would
// otherwise warn that it "does not work" with standalone output.
// The launcher (migrations, secrets, embedded database) runs before the standalone server too; its
// files are not imported by the app, so they are copied in here (pg and @next/env are traced).
const standalone = {
  output: "standalone",
  outputFileTracingIncludes: {
    "/*": ["./scripts/launch.mjs", "./scripts/peer-address.mjs", ...["embedded-postgres", "data-dir-lock", "pglite-wire-server", "load-env-files", "migrations"].map((name) => `./scripts/db/${name}.mjs`), "./prisma/migrations/**/*", "./node_modules/@electric-sql/pglite/package.json", "./node_modules/@electric-sql/pglite/dist/**/*"],
  },
};

export default function config(phase) {
  return phase === PHASE_PRODUCTION_BUILD ? { ...nextConfig, ...standalone } : nextConfig;
}
