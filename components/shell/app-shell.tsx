import Link from "next/link";
import { Bot } from "lucide-react";
import { NavLinks } from "@/components/shell/nav-links";

/** The studio frame: sidebar navigation on laptops, a top bar on phones. */
export function AppShell({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-full flex-col md:flex-row">
      <aside className="border-b border-slate-200 bg-white md:sticky md:top-0 md:h-screen md:w-60 md:shrink-0 md:border-r md:border-b-0">
        <div className="flex items-center gap-2 px-4 py-4">
          <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900">
            <span className="flex size-8 items-center justify-center rounded-lg bg-brand-600 text-white">
              <Bot aria-hidden className="size-5" />
            </span>
            Agentry
          </Link>
        </div>
        <nav aria-label="Main" className="px-2 pb-3 md:pb-0">
          <NavLinks />
        </nav>
      </aside>
      <main className="min-w-0 flex-1 px-4 py-6 md:px-8 md:py-8">{children}</main>
    </div>
  );
}
