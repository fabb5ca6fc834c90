/** @type {import('next').NextConfig} */
const nextConfig = {
  // pg and the embedded database are Node-only; keep them out of the server bundle.
  serverExternalPackages: ["pg", "@electric-sql/pglite", "@electric-sql/pglite-socket"],
  poweredByHeader: false,
  // `npm test` type-checks the whole project (tests included) in its own step; the build only
  // compiles, so a type error is reported once, by tsc, and does not hide the e2e results.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
