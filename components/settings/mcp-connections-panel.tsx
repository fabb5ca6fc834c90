"use client";

import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Plug } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { Dialog, DialogClose, DialogContent } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Label, Select } from "@/components/ui/input";
import { useApiAction } from "@/components/ui/use-api-action";
import { TestResultNote } from "@/components/settings/credential-form";
import { UsedByLine, UsedByWarning, workflowUses } from "@/components/settings/used-by";
import { apiRequest } from "@/lib/ui/api-request";
import { MCP_TRANSPORT_LABELS, MCP_TRANSPORTS, type McpTool, type McpTransport } from "@/lib/schemas/mcp-connection";

export type McpConnectionRow = { id: string; name: string; transport: McpTransport; url: string | null; server: string | null; headerNames: string[]; tools: McpTool[] | null; testedAt: string | null; createdAt: string; usedBy?: { workflowId: string; workflowName: string }[] };
type TestResult = { ok: boolean; message: string; tools?: McpTool[] };

async function testConnectionRequest(id: string): Promise<TestResult> {
  try {
    return await apiRequest<TestResult>("POST", `/api/v1/mcp-connections/${id}/test`);
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : "The test could not run." };
  }
}

export function McpConnectionsPanel({ connections, canManage, stdioServers }: { connections: McpConnectionRow[]; canManage: boolean; stdioServers: string[] }) {
  return (
    <div className="grid gap-4">
      {canManage ? <AddConnectionCard stdioServers={stdioServers} /> : null}
      <Card>
        <CardTitle>MCP connections</CardTitle>
        <CardDescription>MCP servers agents of this workspace can use — a whole server or single tools, picked in the agent&apos;s form.{canManage ? "" : " Only admins add, test or delete them."}</CardDescription>
        {connections.length === 0 ? (
          <EmptyState icon={Plug} title="No MCP connections yet">
            {canManage ? "Add a server above; testing it lists its tools." : "Ask an admin to add one."}
          </EmptyState>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100" aria-label="MCP connections">
            {connections.map((connection) => (
              <ConnectionItem key={connection.id} connection={connection} canManage={canManage} />
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}

function AddConnectionCard({ stdioServers }: { stdioServers: string[] }) {
  const id = useId();
  const router = useRouter();
  const [transport, setTransport] = useState<McpTransport>("streamable-http");
  const [name, setName] = useState("");
  const [url, setUrl] = useState("");
  const [server, setServer] = useState(stdioServers[0] ?? "");
  const [token, setToken] = useState("");
  const [headers, setHeaders] = useState<{ name: string; value: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<null | "saving" | "testing">(null);
  const [result, setResult] = useState<TestResult | null>(null);
  const stdio = transport === "stdio";
  const transports = MCP_TRANSPORTS.filter((option) => option !== "stdio" || stdioServers.length);

  return (
    <Card>
      <CardTitle>Add an MCP server</CardTitle>
      <CardDescription>A Streamable HTTP or SSE server by URL{stdioServers.length ? ", or a stdio server the operator configured" : ""}. Tokens and headers are stored encrypted and never shown again. It is tested right after saving.</CardDescription>
      <form
        className="mt-3 grid gap-3"
        onSubmit={async (event) => {
          event.preventDefault();
          setError(null);
          setResult(null);
          setBusy("saving");
          try {
            const extra = Object.fromEntries(headers.filter((header) => header.name.trim()).map((header) => [header.name.trim(), header.value]));
            const created = await apiRequest<{ id: string; name: string }>("POST", "/api/v1/mcp-connections", {
              name,
              transport,
              ...(stdio ? { server } : { url: url.trim(), ...(token ? { token } : {}), ...(Object.keys(extra).length ? { headers: extra } : {}) }),
            });
            setToken("");
            setHeaders([]);
            setName("");
            setUrl("");
            setBusy("testing");
            setResult(await testConnectionRequest(created.id));
            toast.success(`MCP connection "${created.name}" saved`);
            router.refresh();
          } catch (caught) {
            setError(caught instanceof Error ? caught.message : "Saving failed.");
          } finally {
            setBusy(null);
          }
        }}
      >
        <div className="grid gap-3 sm:grid-cols-2">
          <div>
            <Label htmlFor={`${id}-transport`}>Transport</Label>
            <Select id={`${id}-transport`} value={transport} onChange={(event) => setTransport(event.target.value as McpTransport)}>
              {transports.map((option) => (
                <option key={option} value={option}>
                  {MCP_TRANSPORT_LABELS[option]}
                </option>
              ))}
            </Select>
          </div>
          <div>
            <Label htmlFor={`${id}-name`}>Name</Label>
            <Input id={`${id}-name`} required maxLength={80} value={name} onChange={(event) => setName(event.target.value)} placeholder="e.g. Orders" />
          </div>
        </div>
        {stdio ? (
          <div>
            <Label htmlFor={`${id}-server`}>Server</Label>
            <Select id={`${id}-server`} value={server} onChange={(event) => setServer(event.target.value)}>
              {stdioServers.map((option) => (
                <option key={option} value={option}>
                  {option}
                </option>
              ))}
            </Select>
            <p className="mt-1 text-xs text-slate-500">Commands the operator listed in AGENTRY_MCP_STDIO_SERVERS; they run on this server.</p>
          </div>
        ) : (
          <>
            <div>
              <Label htmlFor={`${id}-url`}>URL</Label>
              <Input id={`${id}-url`} type="url" required value={url} onChange={(event) => setUrl(event.target.value)} placeholder="https://mcp.example.com/mcp" />
              <p className="mt-1 text-xs text-slate-500">Reached through the outbound policy: private addresses only when the operator allows them (AGENTRY_HTTP_ALLOW).</p>
            </div>
            <div>
              <Label htmlFor={`${id}-token`}>Bearer token (optional)</Label>
              <Input id={`${id}-token`} type="password" autoComplete="off" spellCheck={false} value={token} onChange={(event) => setToken(event.target.value)} />
              <p className="mt-1 text-xs text-slate-500">Sent as Authorization: Bearer …. Stored encrypted; never shown again.</p>
            </div>
            {headers.map((header, index) => (
              <div key={index} className="grid gap-2 sm:grid-cols-[1fr_2fr_auto]">
                <Input aria-label={`Header ${index + 1} name`} value={header.name} placeholder="X-Api-Key" onChange={(event) => setHeaders(headers.map((item, at) => (at === index ? { ...item, name: event.target.value } : item)))} />
                <Input aria-label={`Header ${index + 1} value`} type="password" autoComplete="off" value={header.value} onChange={(event) => setHeaders(headers.map((item, at) => (at === index ? { ...item, value: event.target.value } : item)))} />
                <Button variant="ghost" size="sm" onClick={() => setHeaders(headers.filter((_, at) => at !== index))}>
                  Remove
                </Button>
              </div>
            ))}
            <div>
              <Button variant="ghost" size="sm" onClick={() => setHeaders([...headers, { name: "", value: "" }])}>
                Add a header
              </Button>
            </div>
          </>
        )}
        {error ? (
          <p role="alert" className="text-sm text-rose-700">
            {error}
          </p>
        ) : null}
        <div>
          <Button type="submit" disabled={busy !== null || !name.trim() || (stdio ? !server : !url.trim())}>
            {busy === "saving" ? "Saving…" : busy === "testing" ? "Testing…" : "Save and test"}
          </Button>
        </div>
      </form>
      {result ? <TestResultNote className="mt-3" result={result} /> : null}
    </Card>
  );
}

function ConnectionItem({ connection, canManage }: { connection: McpConnectionRow; canManage: boolean }) {
  const [run, pending] = useApiAction();
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<TestResult | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const tools = result?.tools ?? connection.tools;
  const uses = workflowUses(connection.usedBy);

  const test = async () => {
    setTesting(true);
    setResult(null);
    setResult(await testConnectionRequest(connection.id));
    setTesting(false);
  };

  return (
    <li className="py-3" aria-label={connection.name}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900">
            {connection.name} <Badge>{MCP_TRANSPORT_LABELS[connection.transport] ?? connection.transport}</Badge>
            <code className="truncate text-xs font-normal text-slate-500">{connection.url ?? connection.server}</code>
          </p>
          <p className="text-xs text-slate-500">
            {connection.headerNames.length ? `Sends ${connection.headerNames.join(", ")} (stored encrypted)` : "No headers"} · {connection.testedAt ? `tested ${new Date(connection.testedAt).toLocaleString()}` : "not tested yet"}
          </p>
          <UsedByLine uses={uses} none="Not used by any workflow" />
        </div>
        {canManage ? (
          <div className="flex gap-1">
            <Button variant="secondary" size="sm" disabled={testing} aria-label={`Test ${connection.name}`} onClick={() => void test()}>
              {testing ? "Testing…" : "Test"}
            </Button>
            <Button variant="ghost" size="sm" aria-label={`Delete ${connection.name}`} onClick={() => setConfirmDelete(true)}>
              Delete
            </Button>
          </div>
        ) : null}
      </div>
      {result ? <TestResultNote className="mt-2" result={result} /> : null}
      {tools ? <ToolList tools={tools} label={`Tools of ${connection.name}`} /> : null}
      <Dialog open={confirmDelete} onOpenChange={setConfirmDelete}>
        <DialogContent title={`Delete "${connection.name}"?`} description={uses.length ? undefined : "No workflow uses it. This cannot be undone."}>
          {uses.length ? <UsedByWarning uses={uses} consequence="their agents will fail until another connection is picked in their form." /> : null}
          <div className="mt-4 flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="ghost">Cancel</Button>
            </DialogClose>
            <Button
              variant="danger"
              disabled={pending}
              onClick={() =>
                run(async () => {
                  await apiRequest("DELETE", `/api/v1/mcp-connections/${connection.id}${uses.length ? "?force=true" : ""}`);
                  setConfirmDelete(false);
                }, `Deleted "${connection.name}"`)
              }
            >
              {uses.length ? "Delete anyway" : "Delete"}
            </Button>
          </div>
        </DialogContent>
      </Dialog>
    </li>
  );
}

/** The server's tools; each one's JSON Schema on demand. */
function ToolList({ tools, label }: { tools: McpTool[]; label: string }) {
  if (!tools.length) return <p className="mt-2 text-xs text-slate-500">The server offers no tools.</p>;
  return (
    <ul className="mt-2 grid gap-1" aria-label={label}>
      {tools.map((tool) => (
        <li key={tool.name} className="rounded-lg border border-slate-200 px-2 py-1 text-xs">
          <details>
            <summary className="cursor-pointer">
              <code className="font-medium text-slate-900">{tool.name}</code> <span className="text-slate-600">{tool.description}</span>
            </summary>
            <pre className="mt-1 overflow-x-auto rounded bg-slate-50 p-2 text-[11px] text-slate-700">{JSON.stringify(tool.inputSchema, null, 2)}</pre>
          </details>
        </li>
      ))}
    </ul>
  );
}
