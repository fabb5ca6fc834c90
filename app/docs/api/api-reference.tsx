"use client";

import { ApiReferenceReact } from "@scalar/api-reference-react";
import "@scalar/api-reference-react/style.css";
import { useMemo } from "react";

// Scalar is bundled with the app (no CDN script), and everything that would call out of a
// self-hosted install is off: its fonts (system fonts instead), telemetry, its CORS proxy
// (try-it calls this same origin directly), the hosted MCP/agent helpers and the developer toolbar.
const CONFIGURATION = {
  url: "/api/openapi.json",
  withDefaultFonts: false,
  telemetry: false,
  // "Open API Client" leads to Scalar's hosted client; try-it stays in this page.
  hideClientButton: true,
  showDeveloperTools: "never",
  mcp: { disabled: true },
  agent: { disabled: true },
  hideDarkModeToggle: true,
  forceDarkModeState: "light",
  defaultHttpClient: { targetKey: "shell", clientKey: "curl" },
  // Try-it sends `Authorization: Bearer <key>` only for this request; the key is never stored.
  persistAuth: false,
} as const;

/** The interactive reference (with try-it) over /api/openapi.json, rendered in the browser. */
export function ApiReference() {
  // The document's server is "/": named with this origin, try-it and the code samples show full URLs.
  // (Scalar mounts in an effect, so the server render never needs `window`.)
  const configuration = useMemo(() => ({ ...CONFIGURATION, servers: typeof window === "undefined" ? undefined : [{ url: window.location.origin, description: "This server" }] }), []);
  return <ApiReferenceReact configuration={configuration} />;
}
