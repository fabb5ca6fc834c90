"use client";

import dynamic from "next/dynamic";
import { createContext, useCallback, useContext, useMemo } from "react";
import { completeExpression, previewOf, type ExpressionContext } from "@/components/builder/expression-editor/expression-context";

const NO_CONTEXT: ExpressionContext = { nodeId: null, graph: { nodes: [], edges: [] }, run: null };
export const ExpressionScopeContext = createContext<ExpressionContext>(NO_CONTEXT);

/** The node being edited, its graph and the last run's data, for every expression field below. */
export const ExpressionContextProvider = ExpressionScopeContext.Provider;

const CodeMirrorInput = dynamic(() => import("@/components/builder/expression-editor/code-mirror-input"), {
  ssr: false,
  loading: () => <div className="h-8 w-full animate-pulse rounded-lg border border-slate-200 bg-slate-50" aria-hidden />,
});

type Props = { id: string; label: string; value: string; onChange: (value: string) => void; multiline?: boolean; readOnly: boolean; placeholder?: string; invalid?: boolean };

/**
 * A string field that takes `{{ … }}` expressions: a small CodeMirror editor with `{{`
 * completion of upstream nodes and their output fields, highlighting, and a live preview of the
 * value resolved with the last run's data by the engine's own resolver.
 */
export function ExpressionField(props: Props) {
  const context = useContext(ExpressionScopeContext);
  const complete = useCallback((before: string) => completeExpression(before, context), [context]);
  const preview = useMemo(() => previewOf(props.value, context), [props.value, context]);
  const input = { ...props, multiline: props.multiline ?? false, complete };
  return (
    <div>
      <CodeMirrorInput {...input} />
      {preview.state === "none" ? null : (
        <p className="mt-1 break-all rounded bg-slate-50 px-2 py-1 font-mono text-[11px] text-slate-600" data-testid={`preview-${props.id}`} aria-live="polite">
          <span className="font-sans text-slate-400">Preview: </span>
          {preview.state === "no-data" ? <span className="font-sans italic">no run data yet</span> : preview.state === "error" ? <span className="text-rose-600">{preview.message}</span> : preview.text}
        </p>
      )}
    </div>
  );
}
