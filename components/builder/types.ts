import type { Edge, Node } from "@xyflow/react";
import type { OnErrorMode } from "@/lib/schemas/workflow";

export type CatalogEntry = {
  type: string;
  category: string;
  label: string;
  description: string;
  outputs: string[] | "dynamic";
  /** Whether "Retry on fail" applies (not to triggers, nor to nodes that drive their own steps). */
  retriesInStep?: boolean;
  configSchema: JsonSchema;
};

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  default?: unknown;
  description?: string;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
};

export type RunStatus = "running" | "completed" | "failed" | "waiting" | "skipped";

export type BuilderNodeData = {
  label?: string;
  config?: Record<string, unknown>;
  /** Set while a run is shown on the canvas. */
  runStatus?: RunStatus;
  /** The last run's figures for this node (summed over loop iterations), shown on its card. */
  runStats?: { durationMs?: number; tokens?: number };
  /** Problems from the server's validation, shown on the node. */
  issues?: string[];
  onError?: OnErrorMode;
  retry?: { maxTries: number; waitMs: number };
  [key: string]: unknown;
};

export type BuilderNode = Node<BuilderNodeData>;
export type BuilderEdge = Edge;
