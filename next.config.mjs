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

export default nextConfig;
