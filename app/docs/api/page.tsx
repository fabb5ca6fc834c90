import type { Metadata } from "next";
import Link from "next/link";
import { buildOpenApiDocument, OPERATIONS } from "@/lib/openapi/build-openapi-document";

export const metadata: Metadata = { title: "REST API" };

const METHOD_STYLE: Record<string, string> = {
  get: "bg-sky-100 text-sky-800",
  post: "bg-emerald-100 text-emerald-800",
  put: "bg-amber-100 text-amber-800",
  patch: "bg-amber-100 text-amber-800",
  delete: "bg-rose-100 text-rose-800",
};

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

/** The human side of /api/openapi.json, rendered from the same table. */
export default function ApiDocsPage() {
  const document = buildOpenApiDocument();
  const tags = [...new Set(OPERATIONS.map((operation) => operation.tag))];
  return (
    <main className="mx-auto max-w-4xl px-4 py-10">
      <h1 className="text-3xl font-semibold tracking-tight text-slate-900">Agentry REST API</h1>
      <p className="mt-2 text-slate-600">
        JSON in and out. Authenticate with <code className="rounded bg-slate-100 px-1">Authorization: Bearer &lt;api key&gt;</code> (Settings → API keys) or the
        browser session. Lists take <code className="rounded bg-slate-100 px-1">?limit=&amp;cursor=</code> and answer <code className="rounded bg-slate-100 px-1">{"{ items, nextCursor }"}</code>. The machine-readable
        contract: <Link className="text-brand-700 underline" href="/api/openapi.json">/api/openapi.json</Link> (OpenAPI 3.1).
      </p>
      <nav aria-label="Sections" className="mt-6 flex flex-wrap gap-2">
        {[...tags, "Errors"].map((tag) => (
          <a key={tag} href={`#${tag.toLowerCase().replace(/\s+/g, "-")}`} className="rounded-full bg-slate-100 px-3 py-1 text-sm text-slate-700 hover:bg-slate-200">
            {tag}
          </a>
        ))}
      </nav>
      {tags.map((tag) => (
        <section key={tag} id={tag.toLowerCase().replace(/\s+/g, "-")} className="mt-10">
          <h2 className="text-xl font-semibold text-slate-900">{tag}</h2>
          <ul className="mt-3 space-y-3">
            {OPERATIONS.filter((operation) => operation.tag === tag).map((operation) => {
              const spec = (document.paths?.[operation.path] as Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }> | undefined)?.[operation.method];
              const bodySchema = spec?.requestBody?.content["application/json"]?.schema;
              return (
                <li key={`${operation.method} ${operation.path}`} className="rounded-xl border border-slate-200 bg-white p-4">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className={`rounded px-2 py-0.5 font-mono text-xs font-semibold uppercase ${METHOD_STYLE[operation.method]}`}>{operation.method}</span>
                    <code className="font-mono text-sm text-slate-900">{operation.path}</code>
                    <span className="ml-auto rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600">{operation.access}</span>
                  </div>
                  <p className="mt-2 text-sm text-slate-700">{operation.summary}</p>
                  <p className="mt-1 text-xs text-slate-500">
                    Answers {operation.response?.status ?? 200}
                    {operation.errors?.length ? `; also ${operation.errors.join(", ")}` : ""}
                  </p>
                  {bodySchema ? (
                    <details className="mt-2">
                      <summary className="cursor-pointer text-xs font-medium text-brand-700">Request body</summary>
                      <pre className="mt-2 overflow-x-auto rounded-lg bg-slate-900 p-3 text-xs text-slate-100">{JSON.stringify(bodySchema, null, 2)}</pre>
                    </details>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
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
