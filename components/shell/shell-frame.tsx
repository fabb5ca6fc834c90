"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { Bot, PanelLeftClose, PanelLeftOpen } from "lucide-react";
import { NavLinks } from "@/components/shell/nav-links";
import { isFullBleedRoute } from "@/components/shell/navigation";
import { cn } from "@/lib/ui/cn";

/**
 * The studio frame: sidebar navigation on laptops, a top bar on phones. On full-bleed pages (the
 * workflow editor) the sidebar collapses to a rail of icons so the canvas gets the width; it can
 * be expanded again, per page.
 */
export function ShellFrame({ children, workspaceSwitcher, footer }: { children: React.ReactNode; workspaceSwitcher: React.ReactNode; footer: React.ReactNode }) {
  const pathname = usePathname();
  const fullBleed = isFullBleedRoute(pathname);
  // Expanded on this page only: navigating elsewhere collapses it again.
  const [expandedOn, setExpandedOn] = useState<string | null>(null);
  const collapsed = fullBleed && expandedOn !== pathname;
  return (
    <div className={cn("flex flex-col md:flex-row", fullBleed ? "h-dvh overflow-hidden" : "min-h-full")}>
      <aside
        data-testid="app-sidebar"
        data-collapsed={collapsed}
        className={cn(
          "flex shrink-0 border-b border-slate-200 bg-white md:sticky md:top-0 md:h-screen md:flex-col md:border-r md:border-b-0",
          collapsed ? "flex-row items-center gap-1 px-2 py-1 md:w-14 md:items-stretch md:px-0 md:py-2" : "flex-col md:w-64",
        )}
      >
        <div className={cn("flex items-center gap-2", collapsed ? "md:justify-center md:pb-2" : "px-4 py-4")}>
          <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900" aria-label={collapsed ? "Agentry" : undefined}>
            <span className="flex size-8 items-center justify-center rounded-lg bg-brand-600 text-white">
              <Bot aria-hidden className="size-5" />
            </span>
            {collapsed ? null : "Agentry"}
          </Link>
          {fullBleed && !collapsed ? (
            <button type="button" className="ml-auto rounded-lg p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-900" aria-label="Collapse navigation" title="Collapse navigation" onClick={() => setExpandedOn(null)}>
              <PanelLeftClose aria-hidden className="size-4" />
            </button>
          ) : null}
        </div>
        {collapsed ? null : <div className="px-3 pb-3">{workspaceSwitcher}</div>}
        <nav aria-label="Main" className={cn("min-w-0", collapsed ? "flex-1 overflow-x-auto md:flex-none md:overflow-visible md:px-2" : "px-2 pb-3 md:pb-0")}>
          <NavLinks compact={collapsed} />
        </nav>
        {collapsed ? (
          <button type="button" className="shrink-0 rounded-lg p-2 text-slate-500 hover:bg-slate-100 hover:text-slate-900 md:mx-auto md:mt-auto" aria-label="Expand navigation" title="Expand navigation" onClick={() => setExpandedOn(pathname)}>
            <PanelLeftOpen aria-hidden className="size-4" />
          </button>
        ) : (
          <div className="border-t border-slate-100 px-4 py-3 md:mt-auto">{footer}</div>
        )}
      </aside>
      <main className={cn("min-w-0 flex-1", fullBleed ? "flex min-h-0 flex-col p-2" : "px-4 py-6 md:px-8 md:py-8")}>{children}</main>
    </div>
  );
}
