import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "lib/generated/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
  {
    // lib/engine stays pure TypeScript (docs/ARCHITECTURE.md): no framework, ORM or job SDK.
    files: ["lib/engine/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: ["next", "next/*", "@prisma/*", "@/lib/generated/*", "inngest", "inngest/*", "@/lib/db"] },
      ],
    },
  },
  {
    // Route handlers and pages are glue: data access goes through lib/<domain>.
    files: ["app/**/*.ts", "app/**/*.tsx"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["@/lib/generated/*", "@/lib/db"] }],
    },
  },
]);
