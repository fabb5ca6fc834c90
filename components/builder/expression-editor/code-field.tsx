"use client";

import dynamic from "next/dynamic";
import { useCallback, useContext } from "react";
import { completeCode } from "@/components/builder/expression-editor/expression-context";
import { ExpressionScopeContext } from "@/components/builder/expression-editor/expression-field";

const CodeEditor = dynamic(() => import("@/components/builder/expression-editor/code-editor"), {
  ssr: false,
  loading: () => <div className="h-40 w-full animate-pulse rounded-lg border border-slate-200 bg-slate-50" aria-hidden />,
});

type Props = { id: string; label: string; value: string; onChange: (value: string) => void; readOnly: boolean; invalid?: boolean };

/** A Code node's source: a JavaScript editor that completes `input.` from the upstream output. */
export function CodeField(props: Props) {
  const context = useContext(ExpressionScopeContext);
  const complete = useCallback((before: string) => completeCode(before, context), [context]);
  return <CodeEditor {...props} complete={complete} />;
}
