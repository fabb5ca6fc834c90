"use client";

import { useSyncExternalStore } from "react";
import { Dialog, DialogContent } from "@/components/ui/dialog";

/** ⌘ rather than Ctrl in the labels on Apple devices (Ctrl on the server, then corrected). */
export function useIsMac(): boolean {
  return useSyncExternalStore(
    () => () => {},
    () => /Mac|iP(hone|ad)/.test(navigator.platform),
    () => false,
  );
}

/** The editor's keyboard shortcuts; "Mod" reads ⌘ on a Mac and Ctrl elsewhere. */
export const SHORTCUTS: { keys: string[][]; does: string }[] = [
  { keys: [["Mod", "K"]], does: "Add a node (connected from the selected one)" },
  { keys: [["Delete"], ["Backspace"]], does: "Delete the selected nodes and connections" },
  { keys: [["Mod", "Z"]], does: "Undo" },
  { keys: [["Mod", "Shift", "Z"], ["Mod", "Y"]], does: "Redo" },
  { keys: [["Mod", "C"]], does: "Copy the selected nodes" },
  { keys: [["Mod", "V"]], does: "Paste" },
  { keys: [["D"]], does: "Duplicate the selected nodes" },
  { keys: [["Mod", "S"]], does: "Save now (changes also save by themselves)" },
  { keys: [["Mod", "Enter"]], does: "Run (publishes the draft first if it changed)" },
  { keys: [["Space", "drag"]], does: "Pan the canvas (dragging the background pans too)" },
  { keys: [["Shift", "click"], ["Shift", "drag"]], does: "Select several nodes" },
  { keys: [["?"]], does: "Show these shortcuts" },
];

export function ShortcutsOverlay({ open, onOpenChange, mac }: { open: boolean; onOpenChange: (open: boolean) => void; mac: boolean }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title="Keyboard shortcuts">
        <dl className="divide-y divide-slate-100 text-sm" aria-label="Keyboard shortcuts">
          {SHORTCUTS.map((shortcut) => (
            <div key={shortcut.does} className="flex items-center justify-between gap-4 py-1.5">
              <dt className="text-slate-700">{shortcut.does}</dt>
              <dd className="flex shrink-0 flex-wrap justify-end gap-1 text-xs">
                {shortcut.keys.map((combo, index) => (
                  <span key={index} className="flex items-center gap-0.5">
                    {index > 0 ? <span className="px-1 text-slate-400">or</span> : null}
                    {combo.map((key) => (
                      <kbd key={key} className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-[11px] text-slate-700">
                        {key === "Mod" ? (mac ? "⌘" : "Ctrl") : key}
                      </kbd>
                    ))}
                  </span>
                ))}
              </dd>
            </div>
          ))}
        </dl>
      </DialogContent>
    </Dialog>
  );
}
