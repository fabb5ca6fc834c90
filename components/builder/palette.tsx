"use client";

import { useState } from "react";
import { Input } from "@/components/ui/input";
import type { CatalogEntry } from "@/components/builder/types";

export const PALETTE_MIME = "application/x-agentry-node";

const CATEGORY_ORDER = ["trigger", "ai", "logic", "flow", "data", "integration", "human"];
const CATEGORY_LABEL: Record<string, string> = { trigger: "Triggers", ai: "AI", logic: "Logic", flow: "Flow", data: "Data", integration: "Integrations", human: "Human" };

/** Node types by category with search; drag one onto the canvas (or click to add it). */
export function Palette({ entries, onAdd }: { entries: CatalogEntry[]; onAdd: (type: string) => void }) {
  const [query, setQuery] = useState("");
  const needle = query.trim().toLowerCase();
  const visible = entries.filter((entry) => !needle || `${entry.label} ${entry.description} ${entry.type}`.toLowerCase().includes(needle));
  return (
    <aside className="w-56 shrink-0 overflow-y-auto rounded-xl border border-slate-200 bg-white p-3" aria-label="Node palette">
      <Input aria-label="Search nodes" placeholder="Search nodes" value={query} onChange={(event) => setQuery(event.target.value)} className="h-8 text-xs" />
      {CATEGORY_ORDER.map((category) => {
        const items = visible.filter((entry) => entry.category === category);
        if (!items.length) return null;
        return (
          <section key={category} className="mt-3">
            <h3 className="text-[11px] font-semibold uppercase tracking-wide text-slate-500">{CATEGORY_LABEL[category]}</h3>
            <ul className="mt-1 space-y-1">
              {items.map((entry) => (
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
                    className="w-full cursor-grab rounded-lg border border-slate-200 px-2 py-1.5 text-left text-sm text-slate-800 hover:border-brand-500 hover:bg-brand-50"
                  >
                    {entry.label}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </aside>
  );
}
