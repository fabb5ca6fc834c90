import type { BuilderNodeData, CatalogEntry } from "@/components/builder/types";

/** The output handles a node shows: fixed per type, or from the router's routes. */
export function outputsOf(entry: CatalogEntry | undefined, data: BuilderNodeData): string[] {
  if (!entry) return ["out"];
  if (entry.outputs !== "dynamic") return entry.outputs;
  const routes = (data.config?.routes as { handle?: string }[] | undefined) ?? [];
  return [...routes.map((route) => route.handle).filter((handle): handle is string => !!handle), "default"];
}
