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
import { CircleHelp, Plus } from "lucide-react";
import { Toaster, toast as sonnerToast } from "sonner";
import { autoLayout, NODE_SIZE } from "@/components/builder/auto-layout";
import { CatalogProvider } from "@/components/builder/catalog-context";
import { CommandPalette } from "@/components/builder/command-palette";
import { CredentialsProvider } from "@/components/builder/credentials-context";
import { ERROR_HANDLE } from "@/lib/schemas/workflow";
import { setAtPath } from "@/components/builder/fields/set-at-path";
import { NodeErrorSettings } from "@/components/builder/node-error-settings";
import { NodeConfigForm } from "@/components/builder/node-config-form";
import { outputsOf } from "@/components/builder/node-outputs";
import { runDataOf } from "@/components/builder/expression-editor/use-last-run";
import { defaultsOf } from "@/components/builder/fields/field-model";
import { Palette, PALETTE_MIME } from "@/components/builder/palette";
import { AGENT_TRACE_EVENTS, RunPanel, type AgentTraceEntry, type RunView } from "@/components/builder/run-panel";
import { TestNodePanel } from "@/components/builder/test-node-panel";
import { ShortcutsOverlay, useIsMac } from "@/components/builder/shortcuts-overlay";
import { SidePanel, useWideScreen } from "@/components/builder/side-panel";
import type { BuilderEdge, BuilderNode, BuilderNodeData, CatalogEntry, RunStatus } from "@/components/builder/types";
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

type RunStats = Record<string, NonNullable<BuilderNodeData["runStats"]>>;

/** Graphs up to this size may zoom out past React Flow's default floor (0.5). */
const SMALL_GRAPH_NODES = 50;

// The editor's own toasts show at the bottom of the canvas: the app's top-right toasts would
// cover the toolbar's Run button, which sits at the top of the full-bleed editor.
const EDITOR_TOASTS = { toasterId: "editor" };
const toast = {
  success: (message: string) => sonnerToast.success(message, EDITOR_TOASTS),
  error: (message: string) => sonnerToast.error(message, EDITOR_TOASTS),
  warning: (message: string) => sonnerToast.warning(message, EDITOR_TOASTS),
};

/** Readable, unused node ids (`http_1`, `http_2`): expressions refer to nodes by id. */
function nextNodeId(type: string, taken: Set<string>): string {
  const base = type.split(".").pop()!.replace(/[^A-Za-z0-9]/g, "_");
  let index = 1;
  while (taken.has(`${base}_${index}`)) index++;
  taken.add(`${base}_${index}`);
  return `${base}_${index}`;
}

/** The first spot at or below `position` where a new card does not cover another. */
function freeSpot(nodes: BuilderNode[], position: { x: number; y: number }): { x: number; y: number } {
  const spot = { ...position };
  for (let tries = 0; tries < 50 && nodes.some((node) => Math.abs(node.position.x - spot.x) < NODE_SIZE.width && Math.abs(node.position.y - spot.y) < NODE_SIZE.height); tries++) spot.y += NODE_SIZE.height + 24;
  return spot;
}

/** Per node: duration and tokens summed over its steps (loop iterations, retries count once each). */
function statsOf(nodeRuns: { nodeId: string; startedAt: string; finishedAt: string | null; inputTokens: number; outputTokens: number }[]): RunStats {
  const stats: RunStats = {};
  for (const nodeRun of nodeRuns) {
    const current = stats[nodeRun.nodeId] ?? { durationMs: 0, tokens: 0 };
    const duration = nodeRun.finishedAt ? Math.max(0, Date.parse(nodeRun.finishedAt) - Date.parse(nodeRun.startedAt)) : 0;
    stats[nodeRun.nodeId] = { durationMs: (current.durationMs ?? 0) + duration, tokens: (current.tokens ?? 0) + nodeRun.inputTokens + nodeRun.outputTokens };
  }
  return stats;
}

function toGraph(nodes: BuilderNode[], edges: BuilderEdge[]): WorkflowGraph {
  return {
    nodes: nodes.map((node) => ({ id: node.id, type: node.type!, position: { x: Math.round(node.position.x), y: Math.round(node.position.y) }, data: { label: node.data.label, config: node.data.config ?? {}, ...(node.data.onError && node.data.onError !== "stop" ? { onError: node.data.onError } : {}), ...(node.data.retry ? { retry: node.data.retry } : {}) } })),
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
  const initialNodes = useMemo<BuilderNode[]>(() => workflow.graph.nodes.map((node) => ({ id: node.id, type: node.type, position: node.position, data: { label: node.data.label, config: node.data.config ?? {}, ...(node.data.onError && node.data.onError !== "stop" ? { onError: node.data.onError } : {}), ...(node.data.retry ? { retry: node.data.retry } : {}) } })), [workflow.graph]);
  const initialEdges = useMemo<BuilderEdge[]>(() => workflow.graph.edges.map((edge) => ({ id: edge.id, source: edge.source, target: edge.target, sourceHandle: edge.sourceHandle ?? undefined, targetHandle: edge.targetHandle ?? undefined })), [workflow.graph]);
  const [nodes, setNodes, onNodesChange] = useNodesState<BuilderNode>(initialNodes);
  const [edges, setEdges, onEdgesChange] = useEdgesState<BuilderEdge>(initialEdges);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  // Side panels: the palette follows the screen width until toggled; the inspector opens with a
  // selection or a run unless it was closed, and a new selection reopens it.
  const wide = useWideScreen();
  const [paletteChoice, setPaletteChoice] = useState<boolean | null>(null);
  const [paletteWidth, setPaletteWidth] = useState(208);
  const [inspectorMode, setInspectorMode] = useState<"auto" | "open" | "closed">("auto");
  const [inspectorWidth, setInspectorWidth] = useState(320);
  const [commandOpen, setCommandOpen] = useState(false);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [saveState, setSaveState] = useState<SaveState>("saved");
  const [run, setRun] = useState<RunView | null>(null);
  const [runInput, setRunInput] = useState("{}");
  // The run input as the last run's previews see it ({{ input.x }}); unparsable text counts as none.
  const parsedRunInput = useMemo(() => {
    try {
      return JSON.parse(runInput) as unknown;
    } catch {
      return null;
    }
  }, [runInput]);
  const [fieldValues, setFieldValues] = useState<Record<string, string>>({});
  const revision = useRef(workflow.draftRevision);
  const publishedGraph = useRef<string | null>(workflow.activeVersion ? JSON.stringify(workflow.graph) : null);
  const wrapper = useRef<HTMLDivElement>(null);
  const { screenToFlowPosition, fitView, setCenter, getZoom } = useReactFlow();
  /** Width of the canvas's right edge hidden by the floating settings panel. */
  const occludedRight = useRef(0);
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
  /** Saves the latest graph now (Ctrl/⌘+S, before publishing and running); resolves when it is saved or failed. */
  const saveNow = useCallback((): Promise<void> => {
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
    return saveChain.current;
  }, [workflow.id]);
  useEffect(() => {
    latestGraph.current = graphKey;
    if (!canEdit || conflict.current) return;
    if (graphKey === savedKey.current) {
      // Back to what is saved (e.g. undo). A save still on its way stores the graph before this
      // one: once it lands, this graph is saved again (a later edit has a timer of its own).
      void saveChain.current.then(() => {
        if (conflict.current || latestGraph.current !== graphKey) return;
        if (graphKey === savedKey.current) setSaveState("saved");
        else void saveNow();
      });
      return;
    }
    setSaveState("unsaved");
    const timer = setTimeout(() => void saveNow(), 700);
    return () => clearTimeout(timer);
  }, [graphKey, canEdit, saveNow]);

  const commit = useCallback((nextNodes: BuilderNode[], nextEdges: BuilderEdge[]) => {
    setNodes(nextNodes);
    setEdges(nextEdges);
    history.record({ nodes: nextNodes, edges: nextEdges });
  }, [history, setEdges, setNodes]);

  /** Where a new node goes: the middle of the view, moved down until it covers no other card. */
  const viewCenter = useCallback(() => {
    const rect = wrapper.current?.getBoundingClientRect();
    const center = rect ? screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }) : { x: 100 + NODE_SIZE.width / 2, y: 100 + NODE_SIZE.height / 2 };
    return { x: center.x - NODE_SIZE.width / 2, y: center.y - NODE_SIZE.height / 2 };
  }, [screenToFlowPosition]);

  const insertNode = useCallback((type: string, options: { position?: { x: number; y: number }; from?: { id: string; handle: string | null } } = {}) => {
    const entry = catalogMap.get(type);
    if (!entry) return;
    const id = nextNodeId(type, new Set(nodes.map((node) => node.id)));
    const node: BuilderNode = { id, type, position: options.position ?? freeSpot(nodes, viewCenter()), data: { label: entry.label, config: defaultsOf(entry.configSchema) }, selected: true };
    const from = options.from;
    const nextEdges = from ? [...edges, { id: `${from.id}-${from.handle ?? "out"}-${id}`, source: from.id, target: id, ...(from.handle ? { sourceHandle: from.handle } : {}) }] : edges;
    commit([...nodes.map((other) => ({ ...other, selected: false })), node], nextEdges);
    setSelectedId(id);
    // A node added off screen (to the right of the selected one) is brought into view.
    const rect = wrapper.current?.getBoundingClientRect();
    if (rect) {
      const topLeft = screenToFlowPosition({ x: rect.left, y: rect.top });
      // The settings panel floats over the canvas's right edge: what lies under it is not in view.
      const bottomRight = screenToFlowPosition({ x: rect.right - occludedRight.current, y: rect.bottom });
      const { x, y } = node.position;
      if (x < topLeft.x || y < topLeft.y || x + NODE_SIZE.width > bottomRight.x || y + NODE_SIZE.height > bottomRight.y) void setCenter(x + NODE_SIZE.width / 2, y + NODE_SIZE.height / 2, { zoom: getZoom(), duration: 200 });
    }
  }, [catalogMap, commit, edges, getZoom, nodes, screenToFlowPosition, setCenter, viewCenter]);

  // The command palette connects a new node from the selected one: its first output without an
  // edge (true, then false), placed to its right at that output's height.
  const connectFrom = useMemo(() => {
    const source = nodes.find((node) => node.id === selectedId);
    if (!source) return null;
    const handles = outputsOf(catalogMap.get(source.type!), source.data);
    if (!handles.length) return null;
    const leaving = edges.filter((edge) => edge.source === source.id);
    const handle = handles.find((candidate) => !leaving.some((edge) => (edge.sourceHandle ?? "out") === candidate)) ?? handles[0]!;
    const step = NODE_SIZE.height + 40;
    const index = handles.indexOf(handle);
    const siblings = leaving.filter((edge) => (edge.sourceHandle ?? "out") === handle).length;
    const y = source.position.y + (handles.length > 1 ? (index - (handles.length - 1) / 2) * step : 0) + siblings * step;
    return { id: source.id, label: source.data.label || source.id, handle: handles.length === 1 && handle === "out" ? null : handle, position: { x: source.position.x + (source.measured?.width ?? NODE_SIZE.width) + 90, y } };
  }, [catalogMap, edges, nodes, selectedId]);

  const addFromCommand = useCallback((type: string) => {
    // Triggers start a workflow: nothing connects into them.
    if (!connectFrom || catalogMap.get(type)?.category === "trigger") insertNode(type);
    else insertNode(type, { from: connectFrom, position: freeSpot(nodes, connectFrom.position) });
  }, [catalogMap, connectFrom, insertNode, nodes]);

  /** Copies of nodes (and the edges between them) with fresh readable ids, 40 px down and right, selected. */
  const cloneNodes = useCallback((picked: BuilderNode[], pickedEdges: BuilderEdge[]) => {
    if (!picked.length) return;
    const taken = new Set(nodes.map((node) => node.id));
    const rename = new Map(picked.map((node) => [node.id, nextNodeId(node.type!, taken)]));
    const copies = picked.map((node) => ({ ...node, id: rename.get(node.id)!, selected: true, position: { x: node.position.x + 40, y: node.position.y + 40 }, data: { ...node.data, runStatus: undefined, runStats: undefined, issues: undefined } }));
    const copiedEdges = pickedEdges.map((edge) => ({ ...edge, id: `${rename.get(edge.source)}-${edge.sourceHandle ?? "out"}-${rename.get(edge.target)}`, source: rename.get(edge.source)!, target: rename.get(edge.target)!, selected: false }));
    commit([...nodes.map((node) => ({ ...node, selected: false })), ...copies], [...edges, ...copiedEdges]);
    setSelectedId(copies.length === 1 ? copies[0]!.id : null);
    return copies;
  }, [commit, edges, nodes]);

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

  /** Changes the selected node's data; `keepEdge` drops the edges it refuses (a removed output's). */
  const updateSelected = useCallback((patch: Partial<BuilderNode["data"]>, keepEdge?: (edge: BuilderEdge) => boolean) => {
    const next = nodes.map((node) => (node.id === selectedId ? { ...node, data: { ...node.data, ...patch, issues: undefined } } : node));
    commit(next, keepEdge ? edges.filter(keepEdge) : edges);
  }, [commit, edges, nodes, selectedId]);

  const showIssues = useCallback((errors: { nodeId?: string; message: string }[]) => {
    setNodes((current) => current.map((node) => ({ ...node, data: { ...node.data, issues: errors.filter((error) => error.nodeId === node.id).map((error) => error.message) } })));
  }, [setNodes]);

  const publish = useCallback(async (note = ""): Promise<boolean> => {
    const missing = nodes.filter((node) => findCredentialProblem(node, credentials));
    if (missing.length) toast.warning(`${missing.map((node) => node.data.label || node.id).join(", ")}: ${findCredentialProblem(missing[0]!, credentials)}${missing.length > 1 ? " (and more)" : ""}. Runs will fail there until it is fixed.`);
    // Publishing takes the saved draft: save what is on the canvas first.
    await saveNow();
    if (savedKey.current !== latestGraph.current) {
      toast.error("Save the draft before publishing.");
      return false;
    }
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
  }, [credentials, graphKey, nodes, saveNow, showIssues, workflow.id]);

  const setRunStatus = useCallback((statuses: Record<string, RunStatus>, stats: RunStats = {}) => {
    setNodes((current) => current.map((node) => (statuses[node.id] !== undefined || node.data.runStatus || node.data.runStats ? { ...node, data: { ...node.data, runStatus: statuses[node.id], runStats: stats[node.id] } } : node)));
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
    if (savedKey.current !== graphKey) {
      await saveNow();
      if (savedKey.current !== latestGraph.current) {
        toast.error("The draft could not be saved, so it cannot run.");
        return;
      }
    }
    if (publishedGraph.current !== graphKey && !(await publish("Run from the editor"))) return;
    try {
      const started = await apiRequest<{ id: string }>("POST", `/api/v1/workflows/${workflow.id}/executions`, { input });
      const statuses: Record<string, RunStatus> = {};
      const stats: RunStats = {};
      setRunStatus({});
      setRun({ id: started.id, status: "queued", tokens: {}, waiting: [], detail: null });
      const source = new EventSource(`/api/v1/executions/${started.id}/events`);
      const onEvent = (message: MessageEvent) => {
        const event = JSON.parse(message.data) as { type: string; nodeId: string | null; data: { delta?: string; key?: string; durationMs?: number; usage?: { inputTokens?: number; outputTokens?: number } } };
        const nodeStatus: Record<string, RunStatus> = { "node.started": "running", "node.completed": "completed", "node.failed": "failed", "node.waiting": "waiting", "node.skipped": "skipped" };
        if (event.nodeId && nodeStatus[event.type]) {
          const nodeId = event.nodeId;
          statuses[nodeId] = nodeStatus[event.type]!;
          if (event.data.durationMs !== undefined || event.data.usage) {
            const before = stats[nodeId] ?? {};
            stats[nodeId] = { durationMs: (before.durationMs ?? 0) + (event.data.durationMs ?? 0), tokens: (before.tokens ?? 0) + (event.data.usage?.inputTokens ?? 0) + (event.data.usage?.outputTokens ?? 0) };
          }
          setRunStatus({ ...statuses }, { ...stats });
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
          void apiRequest<RunView["detail"]>("GET", `/api/v1/executions/${started.id}`).then((detail) => {
            setRun((current) => current && { ...current, status: detail!.status, detail });
            // The recorded steps are the exact figures (events carry no duration for some nodes).
            setRunStatus({ ...statuses }, { ...stats, ...statsOf(detail!.nodeRuns) });
          });
        }
      };
      for (const type of ["execution.started", "node.started", "node.completed", "node.failed", "node.waiting", "node.skipped", "node.token", ...AGENT_TRACE_EVENTS, ...TERMINAL]) source.addEventListener(type, onEvent);
    } catch (error) {
      toast.error(error instanceof Error ? error.message : "The run could not start.");
    }
  }, [fieldValues, graphKey, publish, runInput, saveNow, setRunStatus, triggerFields, workflow.id]);

  // Keyboard shortcuts (listed in the "?" overlay, shortcuts-overlay.tsx). Deletion is React Flow's
  // Backspace/Delete, space-drag panning its panActivationKeyCode.
  const clipboard = useRef<{ nodes: BuilderNode[]; edges: BuilderEdge[] } | null>(null);
  useEffect(() => {
    const restore = (snapshot: { nodes: BuilderNode[]; edges: BuilderEdge[] } | null) => {
      if (!snapshot) return;
      setNodes(snapshot.nodes);
      setEdges(snapshot.edges);
    };
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (target.closest?.("[role=dialog]")) return;
      const typing = !!target.closest?.("input, textarea, select, [contenteditable]");
      const mod = event.metaKey || event.ctrlKey;
      const key = event.key.toLowerCase();
      if (mod && key === "s") {
        event.preventDefault();
        if (canEdit) void saveNow();
      } else if (mod && key === "k" && canEdit) {
        event.preventDefault();
        setCommandOpen(true);
      } else if (mod && event.key === "Enter" && canEdit) {
        event.preventDefault();
        void startRun();
      } else if (typing) {
        return;
      } else if (event.key === "?") {
        event.preventDefault();
        setShortcutsOpen(true);
      } else if (!canEdit || event.altKey) {
        return;
      } else if (mod && key === "z") {
        event.preventDefault();
        restore(event.shiftKey ? history.redo() : history.undo());
      } else if (mod && key === "y") {
        event.preventDefault();
        restore(history.redo());
      } else if (mod && key === "c") {
        const picked = nodes.filter((node) => node.selected);
        if (!picked.length || window.getSelection()?.toString()) return;
        const ids = new Set(picked.map((node) => node.id));
        clipboard.current = { nodes: picked, edges: edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target)) };
      } else if (mod && key === "v" && clipboard.current?.nodes.length) {
        event.preventDefault();
        const copies = cloneNodes(clipboard.current.nodes, clipboard.current.edges);
        // The next paste lands below and right of this one.
        if (copies) clipboard.current = { nodes: clipboard.current.nodes.map((node) => ({ ...node, position: { x: node.position.x + 40, y: node.position.y + 40 } })), edges: clipboard.current.edges };
      } else if (key === "d" && !event.shiftKey) {
        const picked = nodes.filter((node) => node.selected);
        if (!picked.length) return;
        event.preventDefault();
        const ids = new Set(picked.map((node) => node.id));
        cloneNodes(picked, edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target)));
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [canEdit, cloneNodes, edges, history, nodes, saveNow, setEdges, setNodes, startRun]);

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

  const paletteOpen = paletteChoice ?? wide;
  // On narrow screens the panel covers the canvas, so a run alone does not open it there.
  const inspectorOpen = inspectorMode === "open" || (inspectorMode === "auto" && (selected !== null || (run !== null && wide)));
  useEffect(() => {
    occludedRight.current = inspectorOpen ? inspectorWidth : 0;
  }, [inspectorOpen, inspectorWidth]);
  const mac = useIsMac();

  return (
    // Fills the full-bleed main area of the editor route (components/shell/shell-frame.tsx).
    <div className="flex min-h-[28rem] flex-1 flex-col gap-2">
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
              <Button variant="secondary" size="sm" onClick={() => setCommandOpen(true)} aria-keyshortcuts="Control+K Meta+K" title={`Add a node (${mac ? "⌘" : "Ctrl"}+K)`}>
                <Plus aria-hidden className="size-4" />
                Add node
              </Button>
              <Button variant="secondary" size="sm" disabled={!history.canUndo} onClick={() => { const s = history.undo(); if (s) { setNodes(s.nodes); setEdges(s.edges); } }}>Undo</Button>
              <Button variant="secondary" size="sm" disabled={!history.canRedo} onClick={() => { const s = history.redo(); if (s) { setNodes(s.nodes); setEdges(s.edges); } }}>Redo</Button>
              <Button variant="secondary" size="sm" onClick={() => { commit(autoLayout(nodes, edges, (node) => outputsOf(catalogMap.get(node.type!), node.data)), edges); setTimeout(() => fitView({ duration: 200, maxZoom: 1, padding: { top: "24px", bottom: "24px", left: "24px", right: `${occludedRight.current + 24}px` } }), 50); }}>Auto-layout</Button>
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
              <Button size="sm" onClick={() => void startRun()} aria-keyshortcuts="Control+Enter Meta+Enter" title={`Run (${mac ? "⌘" : "Ctrl"}+Enter)`}>Run</Button>
            </>
          ) : null}
          <Button variant="ghost" size="sm" className="px-2" aria-label="Keyboard shortcuts" aria-keyshortcuts="?" title="Keyboard shortcuts (?)" onClick={() => setShortcutsOpen(true)}>
            <CircleHelp aria-hidden className="size-4" />
          </Button>
        </div>
      </div>
      <div className="relative flex min-h-0 flex-1 gap-2">
        {canEdit ? (
          <SidePanel side="left" name="node palette" open={paletteOpen} onOpenChange={setPaletteChoice} width={paletteWidth} onWidthChange={setPaletteWidth} min={160} max={360}>
            <Palette entries={[...catalogMap.values()]} onAdd={(type) => insertNode(type)} />
          </SidePanel>
        ) : null}
        <div
          ref={wrapper}
          data-testid="canvas"
          className="relative min-w-0 flex-1 overflow-hidden rounded-xl border border-slate-200 bg-white"
          onDragOver={(event) => {
            event.preventDefault();
            event.dataTransfer.dropEffect = "move";
          }}
          onDrop={(event) => {
            event.preventDefault();
            const type = event.dataTransfer.getData(PALETTE_MIME);
            // The card lands centred under the cursor, in flow coordinates (pan and zoom applied).
            const point = screenToFlowPosition({ x: event.clientX, y: event.clientY });
            if (type) insertNode(type, { position: { x: point.x - NODE_SIZE.width / 2, y: point.y - NODE_SIZE.height / 2 } });
          }}
        >
          <ReactFlow<BuilderNode, BuilderEdge>
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onNodeDragStop={() => history.record({ nodes, edges })}
            onDelete={({ nodes: deletedNodes, edges: deletedEdges }) => {
              // One undo step for what one key press deleted: nodes, their edges and selected edges.
              const ids = new Set(deletedNodes.map((node) => node.id));
              const edgeIds = new Set(deletedEdges.map((edge) => edge.id));
              history.record({ nodes: nodes.filter((node) => !ids.has(node.id)), edges: edges.filter((edge) => !edgeIds.has(edge.id) && !ids.has(edge.source) && !ids.has(edge.target)) });
              if (selectedId && ids.has(selectedId)) setSelectedId(null);
            }}
            onConnect={onConnect}
            isValidConnection={isValidConnection}
            onSelectionChange={({ nodes: picked }) => {
              setSelectedId(picked.length === 1 ? picked[0]!.id : null);
              if (picked.length === 1) setInspectorMode((mode) => (mode === "closed" ? "auto" : mode));
            }}
            nodesDraggable={canEdit}
            nodesConnectable={canEdit}
            elementsSelectable
            deleteKeyCode={canEdit ? ["Backspace", "Delete"] : null}
            panActivationKeyCode="Space"
            // Only a saved graph is fitted on open: fitting an empty canvas waits for the first
            // node and then moves the view, so drops stopped landing where they were dropped.
            fitView={initialNodes.length > 0}
            fitViewOptions={{ maxZoom: 1 }}
            // A small graph can zoom out far enough to fit a phone; a big one keeps React Flow's
            // floor, where only the nodes in view are rendered.
            minZoom={nodes.length <= SMALL_GRAPH_NODES ? 0.15 : 0.5}
            onlyRenderVisibleElements
           
          >
            <Background />
            {/* On a phone the minimap would cover a third of the canvas. */}
            <MiniMap pannable zoomable className="max-sm:hidden" />
            <Controls />
          </ReactFlow>
        </div>
        <SidePanel side="right" name="node settings" floating open={inspectorOpen} onOpenChange={(open) => setInspectorMode(open ? "open" : "closed")} width={inspectorWidth} onWidthChange={setInspectorWidth} min={260} max={640}>
        <aside className="h-full overflow-y-auto rounded-xl border border-slate-200 bg-white p-4 pt-2" aria-label="Node settings">
          <h2 className="mb-2 pr-8 text-xs font-semibold text-slate-700">Settings</h2>
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
                  // An agent's own credential is its model's; its tools' (tools.<n>.credentialId) send any secret.
                  const provider = selected.type === "ai.agent" && field === "credentialId" ? String(selected.data.config?.provider ?? "") : "http";
                  setAddingCredential({ nodeId: selected.id, field, provider: isModelProvider(provider) || provider === "http" ? (provider as CredentialProvider) : undefined });
                } : undefined}
                expressions={expressions}
                nodeId={selected.id}
                workflowId={workflow.id}
                lastRun={run?.detail ? runDataOf({ input: parsedRunInput, nodeRuns: run.detail.nodeRuns }) : undefined}
                onChange={(config) => updateSelected({ config })}
              />
              {selectedEntry.category !== "trigger" ? (
                <NodeErrorSettings
                  key={`errors-${selected.id}`}
                  data={selected.data}
                  retries={selectedEntry.retriesInStep !== false}
                  readOnly={!canEdit}
                  onChange={(patch) => {
                    // Leaving "branch" removes the error output, and with it the edges that left it.
                    const leavesBranch = "onError" in patch && patch.onError !== "branch";
                    updateSelected(patch, leavesBranch ? (edge) => !(edge.source === selected.id && edge.sourceHandle === ERROR_HANDLE) : undefined);
                  }}
                />
              ) : null}
              {run?.detail ? <RunPanel.NodeDetail run={run} nodeId={selected.id} /> : null}
              {canEdit ? <TestNodePanel workflowId={workflow.id} nodeId={selected.id} runStatus={run?.status} /> : null}
            </div>
          ) : (
            <p className="text-sm text-slate-500">{canEdit ? "Drag a node from the palette, connect the handles, then select a node to configure it." : "Select a node to see its settings."}</p>
          )}
          {run ? <RunPanel run={run} onSelectNode={setSelectedId} /> : null}
        </aside>
        </SidePanel>
      </div>
      {canEdit ? <CommandPalette open={commandOpen} onOpenChange={setCommandOpen} entries={[...catalogMap.values()]} from={connectFrom} onPick={addFromCommand} /> : null}
      <ShortcutsOverlay open={shortcutsOpen} onOpenChange={setShortcutsOpen} mac={mac} />
      <Toaster id="editor" richColors position="bottom-center" closeButton />
      {canManageCredentials ? (
        <AddCredentialDialog
          open={addingCredential !== null}
          onOpenChange={(open) => !open && setAddingCredential(null)}
          defaultProvider={addingCredential?.provider}
          onCreated={(credential) => {
            setCredentials((current) => [...current, credential].sort((a, b) => a.name.localeCompare(b.name)));
            if (!addingCredential) return;
            const { nodeId, field } = addingCredential;
            commit(nodes.map((node) => (node.id === nodeId ? { ...node, data: { ...node.data, config: setAtPath(node.data.config ?? {}, field, credential.id), issues: undefined } } : node)), edges);
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
