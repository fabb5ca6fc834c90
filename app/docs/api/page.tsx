import type { Metadata } from "next";
import Link from "next/link";
import { ApiReference } from "./api-reference";

export const metadata: Metadata = { title: "REST API" };

const PROBLEMS: [string, number, string][] = [
  ["bad-request", 400, "The body or query is malformed or invalid; `errors` lists each field as `{ path, message }`."],
  ["unauthorized", 401, "No session and no valid API key."],
  ["forbidden", 403, "Your role (or the key's) is too low for this."],
  ["not-found", 404, "It does not exist — or it belongs to another workspace."],
  ["conflict", 409, "The request conflicts with the current state (already accepted, last owner, not published …)."],
  ["payload-too-large", 413, "The body is over the limit (1 MB)."],
  ["unsupported-media-type", 415, "Send the body as JSON."],
  ["unprocessable", 422, "The workflow graph cannot run; `errors` ties each problem to its node (`nodeId`) or edge."],
  ["rate-limited", 429, "Too many requests; wait for `Retry-After` seconds."],
  ["internal", 500, "Our fault; quote `errorId` when you report it. Internals are never shown."],
];

/**
 * The human side of /api/openapi.json: Scalar renders the same document, with try-it against
 * this server. The error catalogue stays here because problem+json `type`s link to its anchors.
 */
export default function ApiDocsPage() {
  return (
    <main className="mx-auto max-w-6xl px-4 py-10">
      <h1 className="text-3xl font-semibold tracking-tight text-slate-900">Agentry REST API</h1>
      <p className="mt-2 text-slate-600">
        JSON in and out. Authenticate with <code className="rounded bg-slate-100 px-1">Authorization: Bearer &lt;api key&gt;</code> (Settings → API keys) or the
        browser session. Lists take <code className="rounded bg-slate-100 px-1">?limit=&amp;cursor=</code> and answer <code className="rounded bg-slate-100 px-1">{"{ items, nextCursor }"}</code>. The machine-readable
        contract: <Link className="text-brand-700 underline" href="/api/openapi.json">/api/openapi.json</Link> (OpenAPI 3.1). <a className="text-brand-700 underline" href="#errors">Errors</a> are listed below the reference.
      </p>
      <section aria-label="API reference" className="mt-6 overflow-hidden rounded-xl border border-slate-200 bg-white">
        <ApiReference />
      </section>
      <section id="errors" className="mt-10">
        <h2 className="text-xl font-semibold text-slate-900">Errors</h2>
        <p className="mt-2 text-sm text-slate-600">
          Every error is <code className="rounded bg-slate-100 px-1">application/problem+json</code> (RFC 9457): <code className="rounded bg-slate-100 px-1">{"{ type, title, status, detail, errors? }"}</code>.
        </p>
        <dl className="mt-3 divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
          {PROBLEMS.map(([slug, status, text]) => (
            <div key={slug} id={`problem-${slug}`} className="flex gap-4 p-3 text-sm">
              <dt className="w-12 shrink-0 font-mono font-semibold text-slate-900">{status}</dt>
              <dd className="text-slate-700">{text}</dd>
            </div>
          ))}
        </dl>
      </section>
    </main>
  );
}
