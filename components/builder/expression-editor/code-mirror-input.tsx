"use client";

// Loaded lazily (next/dynamic in expression-field.tsx): CodeMirror stays out of the builder's
// first load and is fetched when a form with an expression field first opens.
import { autocompletion, closeBrackets, completionKeymap, startCompletion, type CompletionContext, type CompletionResult } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { EditorState, type Extension } from "@codemirror/state";
import { Decoration, EditorView, MatchDecorator, ViewPlugin, keymap, placeholder as placeholderText, type DecorationSet, type ViewUpdate } from "@codemirror/view";
import type { Completion } from "@/components/builder/expression-editor/expression-context";
import { useCodeMirror } from "@/components/builder/expression-editor/use-code-mirror";

export type CodeMirrorInputProps = {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  multiline: boolean;
  readOnly: boolean;
  placeholder?: string;
  complete: (before: string) => Completion | null;
  invalid?: boolean;
};

const expressionMarks = new MatchDecorator({ regexp: /\{\{[^{}]*\}\}/g, decoration: Decoration.mark({ class: "cm-expression" }) });

/** `{{ … }}` highlighted as the engine sees it (no nested braces). */
const highlightExpressions = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = expressionMarks.createDeco(view);
    }
    update(update: ViewUpdate) {
      this.decorations = expressionMarks.updateDeco(update, this.decorations);
    }
  },
  { decorations: (plugin) => plugin.decorations },
);

/** Adapts a `complete(textBeforeCursor)` function to CodeMirror's completion source. */
export function completionSource(complete: (before: string) => Completion | null) {
  return (context: CompletionContext): CompletionResult | null => {
    const result = complete(context.state.sliceDoc(0, context.pos));
    if (!result || (!result.options.length && !context.explicit)) return null;
    return { from: result.from, options: result.options.map((option) => ({ label: option.label, detail: option.detail, type: option.type })), validFor: /^[\w$-]*$/ };
  };
}

export default function CodeMirrorInput({ id, label, value, onChange, multiline, readOnly, placeholder, complete, invalid }: CodeMirrorInputProps) {
  const host = useCodeMirror({
    id,
    label,
    value,
    onChange,
    readOnly,
    invalid,
    complete,
    rebuildOn: [multiline, placeholder],
    extensions: (latest) => {
      const extensions: Extension[] = [
        history(),
        closeBrackets(),
        keymap.of([...completionKeymap, ...defaultKeymap, ...historyKeymap]),
        autocompletion({ override: [completionSource(latest.complete)], icons: false }),
        highlightExpressions,
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          // "{{" and "." are not word characters, so typing them opens the list explicitly.
          const head = update.state.selection.main.head;
          const typed = update.state.sliceDoc(Math.max(0, head - 2), head);
          if (update.transactions.some((transaction) => transaction.isUserEvent("input.type")) && (typed === "{{" || (typed.endsWith(".") && latest.complete(update.state.sliceDoc(0, head))))) {
            queueMicrotask(() => startCompletion(update.view));
          }
        }),
      ];
      if (placeholder) extensions.push(placeholderText(placeholder));
      if (multiline) extensions.push(EditorView.contentAttributes.of({ "aria-multiline": "true" }), EditorView.lineWrapping, EditorView.theme({ ".cm-content": { minHeight: "4.5em" } }));
      // One line: newlines (typed or pasted) become spaces.
      else extensions.push(EditorState.transactionFilter.of((transaction) => (transaction.newDoc.lines > 1 ? [transaction, { changes: { from: 0, to: transaction.newDoc.length, insert: transaction.newDoc.toString().replace(/\r?\n/g, " ") }, sequential: true }] : transaction)));
      return extensions;
    },
  });
  return <div ref={host} data-expression-editor={id} />;
}
