"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { ApprovalsBadge } from "@/components/approvals/approvals-badge";
import { NAV_ITEMS } from "@/components/shell/navigation";
import { cn } from "@/lib/ui/cn";

export function NavLinks() {
  const pathname = usePathname();
  return (
    <ul className="flex gap-1 overflow-x-auto md:flex-col md:overflow-visible">
      {NAV_ITEMS.map(({ href, label, icon: Icon }) => {
        const active = href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
        return (
          <li key={href}>
            <Link
              href={href}
              aria-current={active ? "page" : undefined}
              className={cn(
                "flex items-center gap-2 whitespace-nowrap rounded-lg px-3 py-2 text-sm font-medium transition-colors",
                active ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
              )}
            >
              <Icon aria-hidden className="size-4 shrink-0" />
              {label}
              {href === "/approvals" ? <ApprovalsBadge /> : null}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
