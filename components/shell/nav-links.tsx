"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { ApprovalsBadge } from "@/components/approvals/approvals-badge";
import { NAV_ITEMS } from "@/components/shell/navigation";
import { cn } from "@/lib/ui/cn";

/** The main navigation; `compact` shows icons only (the label stays the link's accessible name). */
export function NavLinks({ compact = false }: { compact?: boolean }) {
  const pathname = usePathname();
  return (
    <ul className={cn("flex gap-1", compact ? "md:flex-col" : "overflow-x-auto md:flex-col md:overflow-visible")}>
      {NAV_ITEMS.map(({ href, label, icon: Icon }) => {
        const active = href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
        return (
          <li key={href}>
            <Link
              href={href}
              aria-current={active ? "page" : undefined}
              title={compact ? label : undefined}
              className={cn(
                "relative flex items-center gap-2 whitespace-nowrap rounded-lg text-sm font-medium transition-colors",
                compact ? "justify-center p-2" : "px-3 py-2",
                active ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
              )}
            >
              <Icon aria-hidden className="size-4 shrink-0" />
              <span className={compact ? "sr-only" : undefined}>{label}</span>
              {href === "/approvals" ? (
                compact ? (
                  <span className="absolute -right-1 -top-1 scale-75">
                    <ApprovalsBadge />
                  </span>
                ) : (
                  <ApprovalsBadge />
                )
              ) : null}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
