"use client";

import { Button } from "@/components/ui/button";

/** A studio page failed on the server: say so and offer a retry (details stay in the server log). */
export default function StudioError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div role="alert" className="rounded-xl border border-rose-200 bg-rose-50 p-6">
      <h1 className="text-lg font-semibold text-rose-900">This page could not load</h1>
      <p className="mt-1 text-sm text-rose-800">Something went wrong on our side. Try again; if it keeps failing, check the server log.</p>
      <Button className="mt-3" onClick={reset}>Try again</Button>
    </div>
  );
}
