"use client";

import "@xyflow/react/dist/style.css";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  addEdge,
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useEdgesState,
  useNodesState,
  useReactFlow,
  type Connection,
  type IsValidConnection,
} from "@xyflow/react";
import { toast } from "sonner";
import { autoLayout } from "@/components/builder/auto-layout";
import { CatalogProvider } from "@/components/builder/catalog-context";
import { CredentialsProvider } from "@/components/builder/credentials-context";
import { NodeConfigForm } from "@/components/builder/node-config-form";
import { Palette, PALETTE_MIME } from "@/components/builder/palette";
import { AGENT_TRACE_EVENTS, RunPanel, type AgentTraceEntry, type RunView } from "@/components/builder/run-panel";
import type { BuilderEdge, BuilderNode, CatalogEntry, RunStatus } from "@/components/builder/types";
import { useGraphHistory } from "@/components/builder/use-graph-history";
import { WorkflowNode } from "@/components/builder/workflow-node";
import { AddCredentialDialog } from "@/components/settings/add-credential-dialog";
import { TriggersDialog } from "@/components/workflows/triggers-panel";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { ApiRequestError, apiRequest } from "@/lib/ui/api-request";
import type { WorkflowGraph } from "@/lib/schemas/workflow";
import { isModelProvider, type CredentialProvider } from "@/lib/schemas/credential";
import { findCredentialProblem } from "@/lib/workflows/find-credential-problem";

export type BuilderProps = {
  workflow: { id: string; name: string; graph: WorkflowGraph; draftRevision: number; activeVersion: number | null };
  catalog: CatalogEntry[];
  credentials: { id: string; name: string; provider: string }[];
  canEdit: boolean;
  /** Admins may add credentials from the picker ("Add credential…"). */
  canManageCredentials?: boolean;
};

type SaveState = "saved" | "saving" | "unsaved" | "conflict" | "error";
const TERMINAL = new Set(["execution.completed", "execution.failed", "execution.cancelled", "execution.budget_exceeded"]);

function defaultsOf(entry: CatalogEntry): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entry.configSchema.properties ?? {}).flatMap(([name, property]) => (property.default !== undefined ? [[name, property.default]] : [])));
}

function toGraph(nodes: BuilderNode[], edges: BuilderEdge[]): WorkflowGraph {
  return {
    nodes: nodes.map((node) => ({ id: node.id, type: node.type!, position: { x: Math.round(node.position.x), y: Math.round(node.position.y) }, data: { label: node.data.label, config: node.data.config ?? {} } })),
    edges: edges.map((edge) => ({ id: edge.id, source: edge.source, target: edge.target, sourceHandle: edge.sourceHandle ?? null, targetHandle: edge.targetHandle ?? null })),
  };
}

export function Builder(props: BuilderProps) {
  const catalog = useMemo(() => new Map(props.catalog.map((entry) => [entry.type, entry])), [props.catalog]);
  // Grows when a credential is added from the picker; nodes read it for their warnings.
  const [credentials, setCredentials] = useState(props.credentials);
  return (
    <CatalogProvider value={catalog}>
      <CredentialsProvider value={credentials}>
        <ReactFlowProvider>
          <Editor {...props} catalog={props.catalog} catalogMap={catalog} credentials={credentials} setCredentials={setCredentials} />
        </ReactFlowProvider>
      </CredentialsProvider>
    </CatalogProvider>
  );
}

function Editor({
  workflow,
  catalogMap,
  credentials,
  setCredentials,
  canEdit,
  canManageCredentials = false,
}: BuilderProps & { catalogMap: Map<string, CatalogEntry>; setCredentials: React.Dispatch<React.SetStateAction<BuilderProps["credentials"]>> }) {
  // "Add credential…" from the picker: which node and field receive the new credential.
  const [addingCredential, setAddingCredential] = useState<{ nodeId: string; field: string; provider?: CredentialProvider } | null>(null);
  const initialNodes = useMemo<BuilderNode[]>(() => workflow.graph.nodes.map((node) => ({ id: node.id, type: node.type, position: node.position, data: { label: node.data.label, config: node.data.config ?? {} } })), [workflow.graph]);
  const initialEdges = useMemo<BuilderEdge[]>(() => workflow.graph.edges.map((edge) => ({ id: edge.id, source: edge.source, target: edge.target, sourceHandle: edge.sourceHandle ?? undefined, targetHandle: edge.targetHandle ?? undefined })), [workflow.graph]);
  const [nodes, setNodes, onNodesChange] = useNodesState<BuilderNode>(initialNodes);
  const [edges, setEdges, onEdgesChange] = useEdgesState<BuilderEdge>(initialEdges);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [saveState, setSaveState] = useState<SaveState>("saved");
  const [run, setRun] = useState<RunView | null>(null);
  const [runInput, setRunInput] = useState("{}");
  const [fieldValues, setFieldValues] = useState<Record<string, string>>({});
  const revision = useRef(workflow.draftRevision);
  const publishedGraph = useRef<string | null>(workflow.activeVersion ? JSON.stringify(workflow.graph) : null);
  const clipboard = useRef<{ nodes: BuilderNode[]; edges: BuilderEdge[] } | null>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const { screenToFlowPosition, fitView } = useReactFlow();
  const history = useGraphHistory({ nodes: initialNodes, edges: initialEdges });
  const nodeTypes = useMemo(() => Object.fromEntries([...catalogMap.keys()].map((type) => [type, WorkflowNode])), [catalogMap]);

  const graph = useMemo(() => toGraph(nodes, edges), [nodes, edges]);
  const graphKey = useMemo(() => JSON.stringify(graph), [graph]);
  const savedKey = useRef(JSON.stringify(toGraph(initialNodes, initialEdges)));

  // Autosave the draft, debounced and one save at a time; a save based on an old revision is
  // refused by the server (another tab or teammate saved since) and the editor says so.
  const latestGraph = useRef(graphKey);
  const saveChain = useRef<Promise<void>>(Promise.resolve());
  const conflict = useRef(false);
  useEffect(() => {
    latestGraph.current = graphKey;
    if (!canEdit || conflict.current) return;
    if (graphKey === savedKey.current) {
      // Back to what is saved (e.g. undo) — unless a save is still on its way.
      void saveChain.current.then(() => latestGraph.current === savedKey.current && !conflict.current && setSaveState("saved"));
      return;
    }
    setSaveState("unsaved");
    const timer = setTimeout(() => {
      saveChain.current = saveChain.current.then(async () => {
        const key = latestGraph.current;
        if (key === savedKey.current || conflict.current) return;
        setSaveState("saving");
        try {
          const saved = await apiRequest<{ draftRevision: number }>("PATCH", `/api/v1/workflows/${workflow.id}`, { graph: JSON.parse(key), baseRevision: revision.current });
          revision.current = saved.draftRevision;
          savedKey.current = key;
          setSaveState(latestGraph.current === key ? "saved" : "unsaved");
        } catch (error) {
          if (error instanceof ApiRequestError && error.status === 409) {
            conflict.current = true;
            setSaveState("conflict");
          } else {
            setSaveState("error");
            toast.error(error instanceof Error ? error.message : "Saving failed.");
          }
        }
      });
    }, 700);
    return () => clearTimeout(timer);
  }, [graphKey, canEdit, workflow.id]);

  const commit = useCallback((nextNodes: BuilderNode[], nextEdges: BuilderEdge[]) => {
    setNodes(nextNodes);
    setEdges(nextEdges);
    history.record({ nodes: nextNodes, edges: nextEdges });
  }, [history, setEdges, setNodes]);

  const addNode = useCallback((type: string, position?: { x: number; y: number }) => {
    const entry = catalogMap.get(type);
    if (!entry) return;
    const base = type.split(".").pop()!.replace(/[^A-Za-z0-9]/g, "_");
    let index = 1;
    while (nodes.some((node) => node.id === `${base}_${index}`)) index++;
    const node: BuilderNode = { id: `${base}_${index}`, type, position: position ?? { x: 100 + nodes.length * 30, y: 100 + nodes.length * 20 }, data: { label: entry.label, config: defaultsOf(entry) } };
    commit([...nodes.map((other) => ({ ...other, selected: false })), { ...node, selected: true }], edges);
    setSelectedId(node.id);
  }, [catalogMap, commit, edges, nodes]);

  const isValidConnection: IsValidConnection<BuilderEdge> = useCallback((connection) => {
    if (connection.source === connection.target) return false;
    const target = nodes.find((node) => node.id === connection.target);
    if (!target || catalogMap.get(target.type!)?.category === "trigger") return false;
    return !edges.some((edge) => edge.source === connection.source && edge.target === connection.target && (edge.sourceHandle ?? null) === (connection.sourceHandle ?? null));
  }, [catalogMap, edges, nodes]);

  const onConnect = useCallback((connection: Connection) => {
    const id = `${connection.source}-${connection.sourceHandle ?? "out"}-${connection.target}`;
    commit(nodes, addEdge({ ...connection, id }, edges));
  }, [commit, edges, nodes]);

  const updateSelected = useCallback((patch: Partial<BuilderNode["data"]>) => {
    const next = nodes.map((node) => (node.id === selectedId ? { ...node, data: { ...node.data, ...patch, issues: undefined } } : node));
    commit(next, edges);
  }, [commit, edges, nodes, selectedId]);

  // Keyboard: undo/redo, copy/paste (deletion is React Flow's Backspace/Delete).
  useEffect(() => {
    if (!canEdit) return;
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (target.closest("input, textarea, select, [contenteditable]")) return;
      const mod = event.metaKey || event.ctrlKey;
      if (mod && event.key.toLowerCase() === "z") {
        event.preventDefault();
        const snapshot = event.shiftKey ? history.redo() : history.undo();
        if (snapshot) {
          setNodes(snapshot.nodes);
          setEdges(snapshot.edges);
        }
      } else if (mod && event.key.toLowerCase() === "y") {
        event.preventDefault();
        const snapshot = history.redo();
        if (snapshot) {
          setNodes(snapshot.nodes);
          setEdges(snapshot.edges);
        }
      } else if (mod && event.key.toLowerCase() === "c") {
        const picked = nodes.filter((node) => node.selected);
        const ids = new Set(picked.map((node) => node.id));
        clipboard.current = { nodes: picked, edges: edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target)) };
      } else if (mod && event.key.toLowerCase() === "v" && clipboard.current?.nodes.length) {
        const suffix = Math.random().toString(36).slice(2, 6);
        const rename = (id: string) => `${id}_${suffix}`;
        const pasted = clipboard.current.nodes.map((node) => ({ ...node, id: rename(node.id), selected: true, position: { x: node.position.x + 40, y: node.position.y + 40 } }));
        const pastedEdges = clipboard.current.edges.map((edge) => ({ ...edge, id: rename(edge.id), source: rename(edge.source), target: rename(edge.target) }));
        commit([...nodes.map((node) => ({ ...node, selected: false })), ...pasted], [...edges, ...pastedEdges]);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [canEdit, commit, edges, history, nodes, setEdges, setNodes]);

  const showIssues = useCallback((errors: { nodeId?: string; message: string }[]) => {
    setNodes((current) => current.map((node) => ({ ...node, data: { ...node.data, issues: errors.filter((error) => error.nodeId === node.id).map((error) => error.message) } })));
  }, [setNodes]);

  const publish = useCallback(async (note = ""): Promise<boolean> => {
    const missing = nodes.filter((node) => findCredentialProblem(node, credentials));
    if (missing.length) toast.warning(`${missing.map((node) => node.data.label || node.id).join(", ")}: ${findCredentialProblem(missing[0]!, credentials)}${missing.length > 1 ? " (and more)" : ""}. Runs will fail there until it is fixed.`);
    const response = await fetch(`/api/v1/workflows/${workflow.id}/publish`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ note }) });
    const body = await response.json();
    if (response.status === 422) {
      showIssues(body.errors ?? []);
      toast.error(body.detail);
      return false;
    }
    if (!response.ok) {
      toast.error(body.detail ?? "Publishing failed.");
      return false;
    }
    showIssues([]);
    publishedGraph.current = graphKey;
    toast.success(`Published version ${body.version}`);
    return true;
  }, [credentials, graphKey, nodes, showIssues, workflow.id]);

  const setRunStatus = useCallback((statuses: Record<string, RunStatus>) => {
    setNodes((current) => current.map((node) => (statuses[node.id] !== undefined || node.data.runStatus ? { ...node, data: { ...node.data, runStatus: statuses[node.id] } } : node)));
  }, [setNodes]);

  // The manual trigger's declared fields become the run form (else a JSON input).
  const triggerFields = useMemo(() => {
    const trigger = nodes.find((node) => node.type === "trigger.manual");
    return ((trigger?.data.config?.fields as { name: string; type: string; required?: boolean }[] | undefined) ?? []).filter((field) => field.name);
  }, [nodes]);

  const startRun = useCallback(async () => {
    let input: unknown;
    try {
      input = triggerFields.length
        ? Object.fromEntries(triggerFields.map((field) => {
            const raw = fieldValues[field.name] ?? "";
            const value = field.type === "number" ? Number(raw) : field.type === "boolean" ? raw === "true" : field.type === "json" ? JSON.parse(raw || "null") : raw;
            return [field.name, value];
          }))
        : JSON.parse(runInput || "{}");
    } catch {
      toast.error("The run input is not valid JSON.");
      return;
    }
    const missing = triggerFields.find((field) => field.required && !(fieldValues[field.name] ?? "").trim());
    if (missing) {
      toast.error(`Fill in ${missing.name}.`);
      return;
    }
    if (saveState !== "saved" && savedKey.current !== graphKey) {
      toast.message("Saving first…");
      return;
    }
    if (publishedGraph.current !== graphKey && !(await publish("Run from the editor"))) return;
    try {
      const started = await apiRequest<{ id: string }>("POST", `/api/v1/workflows/${workflow.id}/executions`, { input });
      const statuses: Record<string, RunStatus> = {};
      setRunStatus({});
      setRun({ id: started.id, status: "queued", tokens: {}, waiting: [], detail: null });
      const source = new EventSource(`/api/v1/executions/${started.id}/events`);
      const onEvent = (message: MessageEvent) => {
        const event = JSON.parse(message.data) as { type: string; nodeId: string | null; data: { delta?: string; key?: string } };
        const nodeStatus: Record<string, RunStatus> = { "node.started": "running", "node.completed": "completed", "node.failed": "failed", "node.waiting": "waiting", "node.skipped": "skipped" };
        if (event.nodeId && nodeStatus[event.type]) {
          const nodeId = event.nodeId;
          statuses[nodeId] = nodeStatus[event.type]!;
          setRunStatus({ ...statuses });
          setRun((current) => current && { ...current, waiting: event.type === "node.waiting" ? [...current.waiting, nodeId] : current.waiting.filter((id) => id !== nodeId || event.type === "node.started") });
        }
        if (event.type === "node.token" && event.nodeId) {
          setRun((current) => current && { ...current, tokens: { ...current.tokens, [event.nodeId!]: (current.tokens[event.nodeId!] ?? "") + (event.data.delta ?? "") } });
        }
        if (AGENT_TRACE_EVENTS.includes(event.type) && event.nodeId) {
          const entry = { nodeId: event.nodeId, type: event.type, ...(event.data as Record<string, unknown>) } as AgentTraceEntry;
          setRun((current) => current && { ...current, trace: [...(current.trace ?? []), entry] });
        }
        if (event.type === "execution.started") setRun((current) => current && { ...current, status: "running" });
        if (TERMINAL.has(event.type)) {
          source.close();
          void apiRequest<RunView["detail"]>("GET", `/api/v1/executions/${started.id}`).then((detail) => setRun((current) => current && { ...current, status: detail!.status, detail }));
        }
      };
      for (const type of ["execution.started", "node.started", "node.completed", "node.failed", "node.waiting", "node.skipped", "node.token", ...AGENT_TRACE_EVENTS, ...TERMINAL]) source.addEventListener(type, onEvent);
    } catch (error) {
      toast.error(error instanceof Error ? error.message : "The run could not start.");
    }
  }, [fieldValues, graphKey, publish, runInput, saveState, setRunStatus, triggerFields, workflow.id]);

  const selected = nodes.find((node) => node.id === selectedId) ?? null;
  const selectedEntry = selected ? catalogMap.get(selected.type!) : undefined;
  const expressions = useMemo(() => {
    if (!selected) return [];
    const upstream = new Set<string>();
    const queue = edges.filter((edge) => edge.target === selected.id).map((edge) => edge.source);
    while (queue.length) {
      const id = queue.shift()!;
      if (upstream.has(id)) continue;
      upstream.add(id);
      queue.push(...edges.filter((edge) => edge.target === id).map((edge) => edge.source));
    }
    return ["{{ input }}", "{{ prev }}", ...[...upstream].map((id) => `{{ nodes.${id}.output }}`)];
  }, [edges, selected]);

  return (
    <div className="flex h-[calc(100vh-9rem)] min-h-[32rem] flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label="Editor">
        <span className="text-sm text-slate-600" data-testid="save-state" aria-live="polite">
          {canEdit ? { saved: "All changes saved", saving: "Saving…", unsaved: "Unsaved changes", conflict: "", error: "Not saved" }[saveState] : "Read-only"}
        </span>
        {saveState === "conflict" ? (
          <p role="alert" className="rounded bg-amber-100 px-2 py-1 text-sm text-amber-900">
            This workflow was changed in another tab or by a teammate. <button className="underline" onClick={() => window.location.reload()}>Reload</button> to continue.
          </p>
        ) : null}
        <div className="ml-auto flex flex-wrap items-center gap-2">
          {canEdit ? (
            <>
              <Button variant="secondary" size="sm" disabled={!history.canUndo} onClick={() => { const s = history.undo(); if (s) { setNodes(s.nodes); setEdges(s.edges); } }}>Undo</Button>
              <Button variant="secondary" size="sm" disabled={!history.canRedo} onClick={() => { const s = history.redo(); if (s) { setNodes(s.nodes); setEdges(s.edges); } }}>Redo</Button>
              <Button variant="secondary" size="sm" onClick={() => { commit(autoLayout(nodes, edges), edges); setTimeout(() => fitView({ duration: 200 }), 50); }}>Auto-layout</Button>
              <Button variant="secondary" size="sm" onClick={() => void publish()}>Publish</Button>
              <VersionPicker workflowId={workflow.id} />
              <TriggersDialog workflowId={workflow.id} workflowName={workflow.name} variant="secondary" />
              {triggerFields.length ? (
                triggerFields.map((field) => (
                  <Input
                    key={field.name}
                    aria-label={`Input ${field.name}`}
                    placeholder={`${field.name}${field.required ? " *" : ""}`}
                    className="h-8 w-36 text-xs"
                    value={fieldValues[field.name] ?? ""}
                    onChange={(event) => setFieldValues((values) => ({ ...values, [field.name]: event.target.value }))}
                  />
                ))
              ) : (
                <Input aria-label="Run input (JSON)" className="h-8 w-48 font-mono text-xs" value={runInput} onChange={(event) => setRunInput(event.target.value)} />
              )}
              <Button size="sm" onClick={() => void startRun()}>Run</Button>
            </>
          ) : null}
        </div>
      </div>
      <div className="flex min-h-0 flex-1 gap-3">
        {canEdit ? <Palette entries={[...catalogMap.values()]} onAdd={(type) => addNode(type)} /> : null}
        <div
          ref={wrapper}
          className="min-w-0 flex-1 rounded-xl border border-slate-200 bg-white"
          onDragOver={(event) => {
            event.preventDefault();
            event.dataTransfer.dropEffect = "move";
          }}
          onDrop={(event) => {
            event.preventDefault();
            const type = event.dataTransfer.getData(PALETTE_MIME);
            if (type) addNode(type, screenToFlowPosition({ x: event.clientX, y: event.clientY }));
          }}
        >
          <ReactFlow<BuilderNode, BuilderEdge>
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onNodeDragStop={() => history.record({ nodes, edges })}
            onNodesDelete={(deleted) => {
              const ids = new Set(deleted.map((node) => node.id));
              history.record({ nodes: nodes.filter((node) => !ids.has(node.id)), edges: edges.filter((edge) => !ids.has(edge.source) && !ids.has(edge.target)) });
              if (selectedId && ids.has(selectedId)) setSelectedId(null);
            }}
            onConnect={onConnect}
            isValidConnection={isValidConnection}
            onSelectionChange={({ nodes: picked }) => setSelectedId(picked.length === 1 ? picked[0]!.id : null)}
            nodesDraggable={canEdit}
            nodesConnectable={canEdit}
            elementsSelectable
            deleteKeyCode={canEdit ? ["Backspace", "Delete"] : null}
            fitView
            fitViewOptions={{ maxZoom: 1 }}
            onlyRenderVisibleElements
           
          >
            <Background />
            <MiniMap pannable zoomable />
            <Controls />
          </ReactFlow>
        </div>
        <aside className="w-80 shrink-0 overflow-y-auto rounded-xl border border-slate-200 bg-white p-4" aria-label="Node settings">
          {selected && selectedEntry ? (
            <div className="space-y-3">
              <div>
                <p className="text-xs uppercase text-slate-500">{selectedEntry.label}</p>
                <p className="text-xs text-slate-500">{selectedEntry.description}</p>
              </div>
              <div>
                <Label htmlFor="node-label">Label</Label>
                <Input id="node-label" value={selected.data.label ?? ""} disabled={!canEdit} onChange={(event) => updateSelected({ label: event.target.value })} />
              </div>
              <NodeConfigForm
                key={selected.id}
                entry={selectedEntry}
                config={selected.data.config ?? {}}
                readOnly={!canEdit}
                credentials={credentials}
                onAddCredential={canEdit && canManageCredentials ? (field) => {
                  const provider = selected.type === "ai.agent" ? String(selected.data.config?.provider ?? "") : "http";
                  setAddingCredential({ nodeId: selected.id, field, provider: isModelProvider(provider) || provider === "http" ? (provider as CredentialProvider) : undefined });
                } : undefined}
                expressions={expressions}
                onChange={(config) => updateSelected({ config })}
              />
              {run?.detail ? <RunPanel.NodeDetail run={run} nodeId={selected.id} /> : null}
            </div>
          ) : (
            <p className="text-sm text-slate-500">{canEdit ? "Drag a node from the palette, connect the handles, then select a node to configure it." : "Select a node to see its settings."}</p>
          )}
          {run ? <RunPanel run={run} onSelectNode={setSelectedId} /> : null}
        </aside>
      </div>
      {canManageCredentials ? (
        <AddCredentialDialog
          open={addingCredential !== null}
          onOpenChange={(open) => !open && setAddingCredential(null)}
          defaultProvider={addingCredential?.provider}
          onCreated={(credential) => {
            setCredentials((current) => [...current, credential].sort((a, b) => a.name.localeCompare(b.name)));
            if (!addingCredential) return;
            const { nodeId, field } = addingCredential;
            commit(nodes.map((node) => (node.id === nodeId ? { ...node, data: { ...node.data, config: { ...node.data.config, [field]: credential.id }, issues: undefined } } : node)), edges);
          }}
        />
      ) : null}
    </div>
  );
}

/** Published versions with a rollback (the version becomes active and is restored as the draft). */
function VersionPicker({ workflowId }: { workflowId: string }) {
  const [versions, setVersions] = useState<{ version: number; active: boolean; createdAt: string }[] | null>(null);
  const [choice, setChoice] = useState("");
  if (!versions) {
    return (
      <Button variant="secondary" size="sm" onClick={() => void apiRequest<{ items: { version: number; active: boolean; createdAt: string }[] }>("GET", `/api/v1/workflows/${workflowId}/versions`).then((result) => setVersions(result.items))}>
        Versions
      </Button>
    );
  }
  return (
    <span className="flex items-center gap-1">
      <select aria-label="Version" className="h-8 rounded-lg border border-slate-300 px-2 text-sm" value={choice} onChange={(event) => setChoice(event.target.value)}>
        <option value="">{versions.length ? "Choose a version" : "No versions yet"}</option>
        {versions.map((version) => (
          <option key={version.version} value={version.version}>
            v{version.version}
            {version.active ? " (active)" : ""} · {new Date(version.createdAt).toLocaleString()}
          </option>
        ))}
      </select>
      <Button
        variant="secondary"
        size="sm"
        disabled={!choice}
        onClick={() =>
          void apiRequest("POST", `/api/v1/workflows/${workflowId}/versions/${choice}/activate`).then(
            () => window.location.reload(),
            (error: unknown) => toast.error(error instanceof Error ? error.message : "Rollback failed."),
          )
        }
      >
        Roll back
      </Button>
    </span>
  );
}
