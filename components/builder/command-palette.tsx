"use client";

import { Command } from "cmdk";
import type { CatalogEntry } from "@/components/builder/types";
import { CATEGORY_TONE, nodeIcon } from "@/components/builder/node-icon";
import { CATEGORY_LABEL, CATEGORY_ORDER } from "@/components/builder/palette";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { cn } from "@/lib/ui/cn";

/**
 * Ctrl/⌘+K: type a node's name and press Enter to add it. With a node selected, the new node is
 * connected from the selected node's next free output and placed to its right (the builder does that).
 */
export function CommandPalette({
  open,
  onOpenChange,
  entries,
  from,
  onPick,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  entries: CatalogEntry[];
  /** The node the new one will be connected from, if any. */
  from: { label: string; handle: string | null } | null;
  onPick: (type: string) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title="Add a node" description={from ? `Connected from ${from.label}${from.handle ? ` (${from.handle})` : ""}` : "Added in the middle of the view"} className="max-w-md p-0 pt-4 [&>div:first-child]:px-5">
        <Command label="Node types" loop className="border-t border-slate-100">
          <Command.Input autoFocus aria-label="Node type" placeholder="Type a node name, e.g. HTTP" className="h-11 w-full border-b border-slate-100 px-5 text-sm outline-none placeholder:text-slate-400" />
          <Command.List className="max-h-[min(24rem,60vh)] overflow-y-auto p-2">
            <Command.Empty className="px-3 py-6 text-center text-sm text-slate-500">No node type matches.</Command.Empty>
            {CATEGORY_ORDER.map((category) => {
              const items = entries.filter((entry) => entry.category === category);
              if (!items.length) return null;
              return (
                <Command.Group key={category} heading={CATEGORY_LABEL[category]} className="[&_[cmdk-group-heading]]:px-2 [&_[cmdk-group-heading]]:pb-1 [&_[cmdk-group-heading]]:pt-2 [&_[cmdk-group-heading]]:text-[11px] [&_[cmdk-group-heading]]:font-semibold [&_[cmdk-group-heading]]:uppercase [&_[cmdk-group-heading]]:text-slate-500">
                  {items.map((entry) => {
                    const Icon = nodeIcon(entry.type, entry.category);
                    return (
                      <Command.Item
                        key={entry.type}
                        value={entry.label}
                        // Not the description: "HTTP" would also match the agent ("… HTTP tools").
                        keywords={[entry.type, CATEGORY_LABEL[category] ?? category]}
                        onSelect={() => {
                          onPick(entry.type);
                          onOpenChange(false);
                        }}
                        className="flex cursor-pointer items-center gap-2.5 rounded-lg px-2 py-1.5 text-sm text-slate-800 data-[selected=true]:bg-brand-50 data-[selected=true]:text-brand-800"
                      >
                        <span className={cn("flex size-7 shrink-0 items-center justify-center rounded-md", CATEGORY_TONE[entry.category])}>
                          <Icon aria-hidden className="size-4" />
                        </span>
                        <span className="min-w-0">
                          <span className="block font-medium">{entry.label}</span>
                          <span className="block truncate text-xs text-slate-500">{entry.description}</span>
                        </span>
                      </Command.Item>
                    );
                  })}
                </Command.Group>
              );
            })}
          </Command.List>
        </Command>
      </DialogContent>
    </Dialog>
  );
}
