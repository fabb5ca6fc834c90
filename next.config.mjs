/** @type {import('next').NextConfig} */
const nextConfig = {
  // pg and the embedded database are Node-only; keep them out of the server bundle.
  serverExternalPackages: ["pg", "@electric-sql/pglite", "@electric-sql/pglite-socket"],
  poweredByHeader: false,
};

export default nextConfig;
