"use client";

import { useMemo, useState, useSyncExternalStore } from "react";
import { useStoreApi } from "@xyflow/react";
import { Label, Select } from "@/components/ui/input";
import { AgentToolsPicker } from "@/components/builder/agent-tools-picker";
import { ExpressionContextProvider } from "@/components/builder/expression-editor/expression-field";
import type { ExpressionContext, GraphView, RunData } from "@/components/builder/expression-editor/expression-context";
import { useLastRun } from "@/components/builder/expression-editor/use-last-run";
import { configIssues } from "@/components/builder/fields/config-issues";
import { FieldError, FieldList, VariantSwitch, fieldId, type FieldEnv } from "@/components/builder/fields/field-editor";
import { formModelOf, type FieldSpec } from "@/components/builder/fields/field-model";
import type { CatalogEntry, JsonSchema } from "@/components/builder/types";
import { findCredentialProblem } from "@/lib/workflows/find-credential-problem";

type Props = {
  entry: CatalogEntry;
  config: Record<string, unknown>;
  onChange: (config: Record<string, unknown>) => void;
  readOnly: boolean;
  credentials: { id: string; name: string; provider: string }[];
  /** Admins get "Add credential…" in the picker, which asks the editor to open the dialog. */
  onAddCredential?: (field: string) => void;
  /** `{{ … }}` references the node can use (upstream outputs, input, prev); kept for callers that pass no graph. */
  expressions: string[];
  /** The node being edited (else: the one selected on the canvas). */
  nodeId?: string;
  /** The workflow's nodes and edges, for `{{` completion (else: read from the canvas). */
  graph?: GraphView;
  /** The last run's input and node outputs for previews; null: no run yet; omitted: fetched. */
  lastRun?: RunData | null;
  /** For fetching the last run when `lastRun` is omitted (else: from the address). */
  workflowId?: string;
};

const ADD_CREDENTIAL = "__add_credential__";
const OPENAI_FAMILY = new Set(["openai", "openai-compatible"]);

/** The canvas's graph when the form sits inside the editor's React Flow provider. */
function useCanvasGraph(): { graph: GraphView; selected: string | null } | null {
  let store: ReturnType<typeof useStoreApi> | null = null;
  try {
    // Called on every render; it throws (before its own inner hooks) only outside a provider,
    // which does not change while the form is mounted, so the hook order stays the same.
    // eslint-disable-next-line react-hooks/rules-of-hooks
    store = useStoreApi();
  } catch {
    // Outside a React Flow provider: the caller passes the graph.
  }
  const state = useSyncExternalStore(
    (listener) => store?.subscribe(listener) ?? (() => undefined),
    () => store?.getState() ?? null,
    () => null,
  );
  return useMemo(() => {
    if (!state) return null;
    const nodes = state.nodes.map((node) => ({ id: node.id, type: node.type, data: node.data as GraphView["nodes"][number]["data"] }));
    const picked = state.nodes.filter((node) => node.selected);
    return { graph: { nodes, edges: state.edges.map((edge) => ({ source: edge.source, target: edge.target })) }, selected: picked.length === 1 ? picked[0]!.id : null };
    // Positions change while dragging; only ids, types, data and edges matter here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state?.nodes, state?.edges]);
}

/**
 * The node's config form, generated from its schema (the same zod schema the server validates
 * with): a mode switch for unions, rows for records and lists, selects, numbers, toggles,
 * pickers, and expression editors; every problem is named next to its field.
 */
export function NodeConfigForm({ entry, config, onChange, readOnly, credentials, onAddCredential, expressions, nodeId, graph, lastRun, workflowId }: Props) {
  const model = useMemo(() => formModelOf(entry), [entry]);
  const issues = useMemo(() => configIssues(entry.type, config), [entry.type, config]);
  const canvas = useCanvasGraph();
  const upstreamFallback = useMemo<GraphView>(() => {
    // Without a graph, the editor's expression list still names the upstream nodes.
    const ids = expressions.map((expression) => /nodes\.([\w-]+)\.output/.exec(expression)?.[1]).filter((id): id is string => !!id);
    return { nodes: ids.map((id) => ({ id })), edges: ids.map((id) => ({ source: id, target: "__this__" })) };
  }, [expressions]);
  const run = useLastRun(lastRun, workflowId, null);
  const context = useMemo<ExpressionContext>(() => {
    if (graph) return { nodeId: nodeId ?? null, graph, run };
    if (canvas && (nodeId ?? canvas.selected)) return { nodeId: nodeId ?? canvas.selected, graph: canvas.graph, run };
    return { nodeId: "__this__", graph: upstreamFallback, run };
  }, [graph, nodeId, canvas, upstreamFallback, run]);

  const env: FieldEnv = {
    issues,
    readOnly,
    renderSpecial: (spec, path, value, change, error) => {
      if (spec.model.kind === "credential") return <CredentialPicker key={path} path={path} entry={entry} config={config} value={value} onChange={change} readOnly={readOnly} credentials={credentials} onAddCredential={onAddCredential} error={error} />;
      if (spec.model.kind === "tools") {
        // A tool's problem sits at tools.<n>.<field>: say which tool.
        const [toolPath, toolError] = [...issues.entries()].find(([at]) => at === path || at.startsWith(`${path}.`)) ?? [];
        const toolMessage = toolPath && toolPath !== path ? `Tool ${Number(toolPath.split(".")[1]) + 1}: ${toolError}` : (toolError ?? error);
        return <AgentToolsPicker key={path} value={value} onChange={change} readOnly={readOnly} error={toolMessage} form={spec.model.item} path={path} env={env} renderJson={() => <ToolsJson value={value} onChange={change} readOnly={readOnly} />} />;
      }
      return null;
    },
  };
  const problems = [...issues.entries()].filter(([path]) => !path);

  return (
    <ExpressionContextProvider value={context}>
      <form className="space-y-3" aria-label={`${entry.label} settings`} onSubmit={(event) => event.preventDefault()} noValidate>
        {model.kind === "variants" ? (
          <VariantSwitch id={fieldId("mode")} model={model} path="" value={config} onChange={onChange} env={env} />
        ) : model.kind === "object" ? (
          <FieldList fields={model.fields} path="" value={config} onChange={onChange} env={env} />
        ) : null}
        {problems.map(([, message]) => (
          <FieldError key={message} message={message} />
        ))}
      </form>
    </ExpressionContextProvider>
  );
}

function CredentialPicker({ path, entry, config, value, onChange, readOnly, credentials, onAddCredential, error }: { path: string; entry: CatalogEntry; config: Record<string, unknown>; value: unknown; onChange: (value: unknown) => void; readOnly: boolean; credentials: Props["credentials"]; onAddCredential?: (field: string) => void; error?: string }) {
  const id = fieldId(path);
  // An agent's own credential is its model's (OpenAI keys and OpenAI-compatible servers fit each
  // other); HTTP nodes and agents' tools (`tools.<n>.credentialId`) can send any secret.
  const ownCredential = path === "credentialId";
  const provider = entry.type === "ai.agent" && ownCredential ? String(config.provider ?? "") : "";
  const fits = (candidate: string) => !provider || candidate === provider || (OPENAI_FAMILY.has(candidate) && OPENAI_FAMILY.has(provider));
  const choices = credentials.filter((credential) => fits(credential.provider) || credential.id === value);
  const problem = ownCredential ? findCredentialProblem({ type: entry.type, data: { config } }, credentials) : null;
  return (
    <div>
      <Label htmlFor={id}>{ownCredential ? "Credential" : "Tool credential"}</Label>
      <Select
        id={id}
        value={String(value ?? "")}
        disabled={readOnly}
        onChange={(event) => {
          if (event.target.value === ADD_CREDENTIAL) onAddCredential?.(path);
          else onChange(event.target.value || undefined);
        }}
      >
        <option value="">None</option>
        {value && !credentials.some((credential) => credential.id === value) ? <option value={String(value)}>Missing credential</option> : null}
        {choices.map((credential) => (
          <option key={credential.id} value={credential.id}>
            {credential.name} ({credential.provider})
          </option>
        ))}
        {onAddCredential && !readOnly ? <option value={ADD_CREDENTIAL}>Add credential…</option> : null}
      </Select>
      {problem && !error ? <p className="mt-1 text-xs text-amber-800">{problem}</p> : null}
      {!onAddCredential && !readOnly && choices.length === 0 ? <p className="mt-1 text-xs text-slate-500">No fitting credential yet: an admin adds one in Settings → Credentials.</p> : null}
      <FieldError message={error} />
    </div>
  );
}

/** The tools picker's "Edit as JSON" escape hatch (inline MCP servers and the like). */
function ToolsJson({ value, onChange, readOnly }: { value: unknown; onChange: (value: unknown) => void; readOnly: boolean }) {
  const [text, setText] = useState(() => JSON.stringify(value ?? [], null, 2));
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <div>
      <textarea
        aria-label="Tools (JSON)"
        rows={6}
        className="w-full rounded-lg border border-slate-300 p-2 font-mono text-xs"
        value={text}
        disabled={readOnly}
        onChange={(event) => setText(event.target.value)}
        onBlur={() => {
          try {
            onChange(JSON.parse(text));
            setProblem(null);
          } catch (error) {
            setProblem(`Not valid JSON: ${(error as Error).message}`);
          }
        }}
      />
      <FieldError message={problem ?? undefined} />
    </div>
  );
}

export type { FieldSpec, JsonSchema };
