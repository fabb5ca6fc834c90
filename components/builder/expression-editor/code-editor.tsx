"use client";

// Loaded lazily (next/dynamic in code-field.tsx), with the JavaScript grammar: only a form with a
// Code node's source fetches it.
import { autocompletion, closeBrackets, completionKeymap, startCompletion } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { javascript, javascriptLanguage } from "@codemirror/lang-javascript";
import { bracketMatching, defaultHighlightStyle, ensureSyntaxTree, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { linter, lintGutter } from "@codemirror/lint";
import { EditorView, highlightActiveLine, keymap, lineNumbers } from "@codemirror/view";
import { completionSource } from "@/components/builder/expression-editor/code-mirror-input";
import type { Completion } from "@/components/builder/expression-editor/expression-context";
import { syntaxErrorsOf } from "@/components/builder/expression-editor/syntax-errors";
import { useCodeMirror } from "@/components/builder/expression-editor/use-code-mirror";

/** Syntax errors underlined as the user types (the sandbox would only say so at run time). */
const syntaxLinter = linter(
  (view) => {
    const tree = ensureSyntaxTree(view.state, view.state.doc.length, 500);
    return tree ? syntaxErrorsOf(tree, view.state.doc.length).map((problem) => ({ ...problem, severity: "error" as const })) : [];
  },
  { delay: 400 },
);

export type CodeEditorProps = { id: string; label: string; value: string; onChange: (value: string) => void; readOnly: boolean; invalid?: boolean; complete: (before: string) => Completion | null };

/** JavaScript with line numbers, highlighting, syntax errors, bracket matching, Tab to indent and `input.` completion. */
export default function CodeEditor({ id, label, value, onChange, readOnly, invalid, complete }: CodeEditorProps) {
  const host = useCodeMirror({
    id,
    label,
    value,
    onChange,
    readOnly,
    invalid,
    complete,
    rebuildOn: [],
    extensions: (latest) => [
      lineNumbers(),
      highlightActiveLine(),
      history(),
      closeBrackets(),
      bracketMatching(),
      indentOnInput(),
      javascript(),
      // The grammar's own completions (keywords, names in scope) plus the upstream output's fields.
      javascriptLanguage.data.of({ autocomplete: completionSource(latest.complete) }),
      autocompletion({ icons: false }),
      syntaxHighlighting(defaultHighlightStyle),
      syntaxLinter,
      lintGutter(),
      keymap.of([...completionKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
      EditorView.contentAttributes.of({ "aria-multiline": "true" }),
      EditorView.theme({ ".cm-content": { minHeight: "10em" }, ".cm-gutters": { backgroundColor: "rgb(248 250 252)", borderRight: "1px solid rgb(226 232 240)", borderRadius: "0.5rem 0 0 0.5rem" } }),
      EditorView.updateListener.of((update) => {
        // "." is not a word character: typing it after `input` opens the list explicitly.
        if (!update.docChanged || !update.transactions.some((transaction) => transaction.isUserEvent("input.type"))) return;
        const head = update.state.selection.main.head;
        if (update.state.sliceDoc(head - 1, head) === "." && latest.complete(update.state.sliceDoc(0, head))) queueMicrotask(() => startCompletion(update.view));
      }),
    ],
  });
  return <div ref={host} data-code-editor={id} />;
}
