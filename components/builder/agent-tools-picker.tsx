"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Label, Select } from "@/components/ui/input";
import { FieldList, type FieldEnv } from "@/components/builder/fields/field-editor";
import type { FieldModel } from "@/components/builder/fields/field-model";
import { apiRequest } from "@/lib/ui/api-request";

type ToolConfig = Record<string, unknown> & { type?: string };
type WorkflowOption = { id: string; name: string; activeVersion: number | null };
type ConnectionOption = { id: string; name: string; tools: { name: string; description: string }[] | null };
type KnowledgeBaseOption = { id: string; name: string };
type ToolForm = Extract<FieldModel, { kind: "tools" }>["item"];

/** Fields a row edits itself (methods as checkboxes, an MCP connection's tools from its last test). */
function settingsHiddenFor(tool: ToolConfig): string[] {
  if (tool.type === "http") return ["methods"];
  if (tool.type === "mcp") return typeof tool.connectionId === "string" ? ["connectionId", "transport", "url", "server", "credentialId", "tools"] : ["connectionId"];
  return [];
}

const ADD_OPTIONS = { http: { type: "http", methods: ["GET"] }, code: { type: "code" } } as const;

/**
 * The agent's tools, picked rather than typed: built-in HTTP and Code, workflows and knowledge
 * bases of the workspace, MCP connections (whole server or single tools). Each tool's settings
 * (name, description, URL prefix, credential, limits …) are a form generated from its schema,
 * with problems named under their field; "Edit as JSON" stays as an escape hatch.
 */
export function AgentToolsPicker({ value, onChange, readOnly, error, renderJson, form, path, env }: { value: unknown; onChange: (tools: ToolConfig[]) => void; readOnly: boolean; error?: string; renderJson: () => React.ReactNode; form: ToolForm; path: string; env: FieldEnv }) {
  const tools = Array.isArray(value) ? (value as ToolConfig[]) : [];
  const [workflows, setWorkflows] = useState<WorkflowOption[]>([]);
  const [connections, setConnections] = useState<ConnectionOption[]>([]);
  const [knowledgeBases, setKnowledgeBases] = useState<KnowledgeBaseOption[]>([]);
  const [json, setJson] = useState(false);

  useEffect(() => {
    let live = true;
    void apiRequest<{ items: WorkflowOption[] }>("GET", "/api/v1/workflows?limit=100")
      .then((page) => live && setWorkflows(page.items))
      .catch(() => undefined);
    void apiRequest<{ items: ConnectionOption[] }>("GET", "/api/v1/mcp-connections")
      .then((list) => live && setConnections(list.items))
      .catch(() => undefined);
    void apiRequest<{ items: KnowledgeBaseOption[] }>("GET", "/api/v1/knowledge-bases")
      .then((list) => live && setKnowledgeBases(list.items))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  const update = (index: number, next: ToolConfig | null) => onChange(next ? tools.map((tool, at) => (at === index ? next : tool)) : tools.filter((_, at) => at !== index));
  const add = (choice: string) => {
    if (choice === "http" || choice === "code") onChange([...tools, { ...ADD_OPTIONS[choice] }]);
    else if (choice.startsWith("workflow:")) onChange([...tools, { type: "workflow", workflowId: choice.slice("workflow:".length) }]);
    else if (choice.startsWith("mcp:")) onChange([...tools, { type: "mcp", connectionId: choice.slice("mcp:".length), tools: [] }]);
    else if (choice.startsWith("knowledge:")) onChange([...tools, { type: "knowledge", knowledgeBaseId: choice.slice("knowledge:".length) }]);
  };

  return (
    <div>
      <div className="flex items-center justify-between">
        <Label>Tools</Label>
        <button type="button" className="text-xs text-brand-700 hover:underline" onClick={() => setJson((on) => !on)}>
          {json ? "Use the picker" : "Edit as JSON"}
        </button>
      </div>
      {json ? (
        renderJson()
      ) : (
        <>
          {tools.length === 0 ? <p className="text-xs text-slate-500">No tools: the agent answers in one model call.</p> : null}
          <ul className="grid gap-2" aria-label="Agent tools">
            {tools.map((tool, index) => (
              <ToolRow key={index} tool={tool} workflows={workflows} connections={connections} knowledgeBases={knowledgeBases} readOnly={readOnly} form={form} path={`${path}.${index}`} env={env} onChange={(next) => update(index, next)} />
            ))}
          </ul>
          {!readOnly ? (
            <Select aria-label="Add a tool" className="mt-2" value="" onChange={(event) => event.target.value && add(event.target.value)}>
              <option value="">Add a tool…</option>
              <optgroup label="Built-in">
                <option value="http">HTTP request</option>
                <option value="code">Code (JavaScript sandbox)</option>
              </optgroup>
              {workflows.length ? (
                <optgroup label="Workflows">
                  {workflows.map((workflow) => (
                    <option key={workflow.id} value={`workflow:${workflow.id}`} disabled={workflow.activeVersion === null}>
                      {workflow.name}
                      {workflow.activeVersion === null ? " (not published)" : ""}
                    </option>
                  ))}
                </optgroup>
              ) : null}
              <NamedOptions label="Knowledge bases" prefix="knowledge:" items={knowledgeBases} />
              <NamedOptions label="MCP connections" prefix="mcp:" items={connections} />
            </Select>
          ) : null}
          {!connections.length && !readOnly ? <p className="mt-1 text-xs text-slate-500">MCP servers: an admin adds them in Settings → MCP connections.</p> : null}
        </>
      )}
      {error ? (
        <p className="mt-1 text-xs text-rose-600" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** One group of "Add a tool…" choices, named by the resource; nothing when there are none. */
function NamedOptions({ label, prefix, items }: { label: string; prefix: string; items: { id: string; name: string }[] }) {
  if (!items.length) return null;
  return (
    <optgroup label={label}>
      {items.map((item) => (
        <option key={item.id} value={`${prefix}${item.id}`}>
          {item.name}
        </option>
      ))}
    </optgroup>
  );
}

function ToolRow({ tool, workflows, connections, knowledgeBases, readOnly, form, path, env, onChange }: { tool: ToolConfig; workflows: WorkflowOption[]; connections: ConnectionOption[]; knowledgeBases: KnowledgeBaseOption[]; readOnly: boolean; form: ToolForm; path: string; env: FieldEnv; onChange: (next: ToolConfig | null) => void }) {
  let title: string;
  let body: React.ReactNode = null;
  if (tool.type === "http") {
    const methods = Array.isArray(tool.methods) ? (tool.methods as string[]) : ["GET"];
    title = `HTTP request (${methods.join(", ")})${tool.urlPrefix ? ` · ${String(tool.urlPrefix)}` : ""}`;
    body = (
      <div className="flex flex-wrap gap-2 text-xs text-slate-700">
        {["GET", "POST", "PUT", "PATCH", "DELETE"].map((method) => (
          <label key={method} className="flex items-center gap-1">
            <input
              type="checkbox"
              disabled={readOnly}
              checked={methods.includes(method)}
              onChange={(event) => {
                const next = event.target.checked ? [...methods, method] : methods.filter((item) => item !== method);
                if (next.length) onChange({ ...tool, methods: next });
              }}
            />
            {method}
          </label>
        ))}
      </div>
    );
  } else if (tool.type === "code") {
    title = "Code (JavaScript sandbox)";
  } else if (tool.type === "workflow") {
    const workflow = workflows.find((item) => item.id === tool.workflowId);
    title = `Workflow: ${workflow?.name ?? "missing workflow"}`;
  } else if (tool.type === "mcp" && typeof tool.connectionId === "string") {
    const connection = connections.find((item) => item.id === tool.connectionId);
    const picked = Array.isArray(tool.tools) ? (tool.tools as string[]) : [];
    title = `MCP: ${connection?.name ?? "missing connection"} · ${picked.length ? `${picked.length} tool${picked.length === 1 ? "" : "s"}` : "all tools"}`;
    body = connection?.tools ? (
      <fieldset className="grid gap-0.5 text-xs text-slate-700">
        <legend className="sr-only">Tools of {connection.name}</legend>
        {connection.tools.map((item) => (
          <label key={item.name} className="flex items-start gap-1" title={item.description}>
            <input
              type="checkbox"
              disabled={readOnly}
              checked={picked.includes(item.name)}
              onChange={(event) => onChange({ ...tool, tools: event.target.checked ? [...picked, item.name] : picked.filter((name) => name !== item.name) })}
            />
            <code>{item.name}</code>
          </label>
        ))}
        <span className="text-slate-500">None checked: every tool of the server.</span>
      </fieldset>
    ) : connection ? (
      <p className="text-xs text-slate-500">All tools (an admin&apos;s test in Settings → MCP connections lists them to pick single ones).</p>
    ) : null;
  } else if (tool.type === "mcp") {
    title = `MCP (inline): ${String(tool.url ?? tool.server ?? "")}`;
  } else if (tool.type === "knowledge") {
    const base = knowledgeBases.find((item) => item.id === tool.knowledgeBaseId);
    title = `Knowledge: ${base?.name ?? "choose a knowledge base"}`;
  } else {
    title = String(tool.type ?? "Unknown tool");
  }
  return (
    <li className="rounded-lg border border-slate-200 p-2">
      <div className="flex items-start justify-between gap-2">
        <p className="text-xs font-medium text-slate-900">{title}</p>
        {!readOnly ? (
          <Button variant="ghost" size="sm" aria-label={`Remove ${title}`} onClick={() => onChange(null)}>
            Remove
          </Button>
        ) : null}
      </div>
      {body}
      <ToolSettings tool={tool} form={form} path={path} env={env} title={title} onChange={onChange} />
    </li>
  );
}

/** The tool's other fields, folded away until wanted, and unfolded when one of them has a problem. */
function ToolSettings({ tool, form, path, env, title, onChange }: { tool: ToolConfig; form: ToolForm; path: string; env: FieldEnv; title: string; onChange: (next: ToolConfig) => void }) {
  const hidden = settingsHiddenFor(tool);
  const fields = form?.variants.find((variant) => variant.value === tool.type)?.fields.filter((field) => !hidden.includes(field.name)) ?? [];
  const hasProblem = [...env.issues.keys()].some((at) => at.startsWith(`${path}.`));
  const [open, setOpen] = useState(hasProblem);
  // A new problem unfolds them; fixing it leaves them open while the user is still there.
  const [hadProblem, setHadProblem] = useState(hasProblem);
  if (hasProblem !== hadProblem) {
    setHadProblem(hasProblem);
    if (hasProblem) setOpen(true);
  }
  if (!fields.length) return null;
  return (
    <details className="mt-1" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="cursor-pointer text-xs text-brand-700" aria-label={`Settings of ${title}`}>
        Settings
      </summary>
      <div className="mt-2">
        <FieldList fields={fields} path={path} value={tool} onChange={(next) => onChange(next as ToolConfig)} env={env} />
      </div>
    </details>
  );
}
