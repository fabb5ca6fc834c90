"use client";

import { useState } from "react";
import { Input } from "@/components/ui/input";
import { CATEGORY_TONE, nodeIcon } from "@/components/builder/node-icon";
import type { CatalogEntry } from "@/components/builder/types";
import { cn } from "@/lib/ui/cn";

export const PALETTE_MIME = "application/x-agentry-node";

export const CATEGORY_ORDER = ["trigger", "ai", "logic", "flow", "data", "integration", "human"];
export const CATEGORY_LABEL: Record<string, string> = { trigger: "Triggers", ai: "AI", logic: "Logic", flow: "Flow", data: "Data", integration: "Integrations", human: "Human" };

/** Node types by category with search; drag one onto the canvas (or click to add it). */
export function Palette({ entries, onAdd }: { entries: CatalogEntry[]; onAdd: (type: string) => void }) {
  const [query, setQuery] = useState("");
  const needle = query.trim().toLowerCase();
  const visible = entries.filter((entry) => !needle || `${entry.label} ${entry.description} ${entry.type}`.toLowerCase().includes(needle));
  return (
    <aside className="h-full overflow-y-auto rounded-xl border border-slate-200 bg-white p-3 pt-2" aria-label="Node palette">
      <p className="mb-2 pr-8 text-xs font-semibold text-slate-700">Nodes</p>
      <Input aria-label="Search nodes" placeholder="Search nodes" value={query} onChange={(event) => setQuery(event.target.value)} className="h-8 text-xs" />
      {CATEGORY_ORDER.map((category) => {
        const items = visible.filter((entry) => entry.category === category);
        if (!items.length) return null;
        return (
          <section key={category} className="mt-3">
            <h3 className="text-[11px] font-semibold uppercase tracking-wide text-slate-500">{CATEGORY_LABEL[category]}</h3>
            <ul className="mt-1 space-y-1">
              {items.map((entry) => {
                const Icon = nodeIcon(entry.type, entry.category);
                return (
                  <li key={entry.type}>
                    <button
                      type="button"
                      draggable
                      data-testid={`palette-${entry.type}`}
                      onDragStart={(event) => {
                        event.dataTransfer.setData(PALETTE_MIME, entry.type);
                        event.dataTransfer.effectAllowed = "move";
                      }}
                      onClick={() => onAdd(entry.type)}
                      title={entry.description}
                      className="flex w-full cursor-grab items-center gap-2 rounded-lg border border-slate-200 px-2 py-1.5 text-left text-sm text-slate-800 hover:border-brand-500 hover:bg-brand-50"
                    >
                      <span className={cn("flex size-5 shrink-0 items-center justify-center rounded", CATEGORY_TONE[entry.category])}>
                        <Icon aria-hidden className="size-3.5" />
                      </span>
                      <span className="truncate">{entry.label}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </aside>
  );
}
