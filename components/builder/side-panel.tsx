"use client";

import { useRef, useSyncExternalStore } from "react";
import { PanelLeftClose, PanelLeftOpen, PanelRightClose, PanelRightOpen } from "lucide-react";
import { cn } from "@/lib/ui/cn";

const WIDE = "(min-width: 1024px)";

/** Whether the window is wide enough (lg) to dock the side panels next to the canvas; true on the server. */
export function useWideScreen(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const query = window.matchMedia(WIDE);
      query.addEventListener("change", onChange);
      return () => query.removeEventListener("change", onChange);
    },
    () => window.matchMedia(WIDE).matches,
    () => true,
  );
}

type SidePanelProps = {
  side: "left" | "right";
  /** What the panel holds, e.g. "node palette": names the toggle and the resize handle. */
  name: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  width: number;
  onWidthChange: (width: number) => void;
  min?: number;
  max?: number;
  /** Floats over the canvas at every width (the canvas keeps its width when the panel opens). */
  floating?: boolean;
  children: React.ReactNode;
};

/**
 * A collapsible, resizable panel beside the canvas. Docked on wide screens (unless `floating`); on
 * narrow ones it floats over the canvas so the canvas keeps the width. Collapsed, only its toggle
 * remains.
 */
export function SidePanel({ side, name, open, onOpenChange, width, onWidthChange, min = 180, max = 560, floating = false, children }: SidePanelProps) {
  const drag = useRef<{ x: number; width: number } | null>(null);
  const clamp = (value: number) => Math.min(max, Math.max(min, Math.round(value)));
  const OpenIcon = side === "left" ? PanelLeftOpen : PanelRightOpen;
  const CloseIcon = side === "left" ? PanelLeftClose : PanelRightClose;
  const toggle = (
    <button
      type="button"
      aria-label={`${open ? "Hide" : "Show"} ${name}`}
      title={`${open ? "Hide" : "Show"} ${name}`}
      aria-expanded={open}
      onClick={() => onOpenChange(!open)}
      className="rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-900"
    >
      {open ? <CloseIcon aria-hidden className="size-4" /> : <OpenIcon aria-hidden className="size-4" />}
    </button>
  );
  if (!open) {
    return <div className={cn("absolute top-2 z-20 rounded-lg border border-slate-200 bg-white shadow-sm", !floating && "lg:static lg:h-fit lg:shadow-none", side === "left" ? "left-2" : "right-2")}>{toggle}</div>;
  }
  return (
    <div
      className={cn(
        "absolute inset-y-0 z-20 flex max-w-[calc(100%-1rem)] shadow-xl",
        !floating && "lg:static lg:max-w-none lg:shrink-0 lg:shadow-none",
        side === "left" ? "left-0 flex-row" : "right-0 flex-row-reverse",
      )}
      style={{ width }}
    >
      <div className="relative min-w-0 flex-1">
        <div className="absolute right-1.5 top-1.5 z-10">{toggle}</div>
        {children}
      </div>
      <div
        role="separator"
        aria-orientation="vertical"
        aria-label={`Resize ${name}`}
        aria-valuenow={width}
        aria-valuemin={min}
        aria-valuemax={max}
        tabIndex={0}
        className="w-1.5 shrink-0 cursor-col-resize rounded bg-transparent hover:bg-brand-200 focus-visible:bg-brand-300 focus-visible:outline-none"
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId);
          drag.current = { x: event.clientX, width };
        }}
        onPointerMove={(event) => {
          if (!drag.current) return;
          const delta = event.clientX - drag.current.x;
          onWidthChange(clamp(drag.current.width + (side === "left" ? delta : -delta)));
        }}
        onPointerUp={() => (drag.current = null)}
        onKeyDown={(event) => {
          const step = event.shiftKey ? 64 : 16;
          const grow = side === "left" ? "ArrowRight" : "ArrowLeft";
          const shrink = side === "left" ? "ArrowLeft" : "ArrowRight";
          if (event.key === grow) onWidthChange(clamp(width + step));
          else if (event.key === shrink) onWidthChange(clamp(width - step));
          else return;
          event.preventDefault();
        }}
      />
    </div>
  );
}
