"use client";

import { useCallback, useRef, useState } from "react";
import type { BuilderEdge, BuilderNode } from "@/components/builder/types";

type Snapshot = { nodes: BuilderNode[]; edges: BuilderEdge[] };
const LIMIT = 100;

/** Undo/redo over graph snapshots (run states are not part of history). */
export function useGraphHistory(initial: Snapshot) {
  const past = useRef<Snapshot[]>([]);
  const future = useRef<Snapshot[]>([]);
  const current = useRef<Snapshot>(initial);
  const [depth, setDepth] = useState({ undo: 0, redo: 0 });
  const sync = () => setDepth({ undo: past.current.length, redo: future.current.length });

  const record = useCallback((next: Snapshot) => {
    past.current = [...past.current.slice(-LIMIT + 1), current.current];
    future.current = [];
    current.current = next;
    sync();
  }, []);

  const undo = useCallback((): Snapshot | null => {
    const previous = past.current.at(-1);
    if (!previous) return null;
    past.current = past.current.slice(0, -1);
    future.current = [current.current, ...future.current];
    current.current = previous;
    sync();
    return previous;
  }, []);

  const redo = useCallback((): Snapshot | null => {
    const next = future.current[0];
    if (!next) return null;
    future.current = future.current.slice(1);
    past.current = [...past.current, current.current];
    current.current = next;
    sync();
    return next;
  }, []);

  return { record, undo, redo, canUndo: depth.undo > 0, canRedo: depth.redo > 0 };
}
