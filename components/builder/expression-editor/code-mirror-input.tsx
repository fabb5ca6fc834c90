"use client";

// Loaded lazily (next/dynamic in expression-field.tsx): CodeMirror stays out of the builder's
// first load and is fetched when a form with an expression field first opens.
import { useEffect, useRef } from "react";
import { autocompletion, closeBrackets, completionKeymap, startCompletion, type CompletionContext, type CompletionResult } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { Compartment, EditorState, type Extension } from "@codemirror/state";
import { Decoration, EditorView, MatchDecorator, ViewPlugin, keymap, placeholder as placeholderText, type DecorationSet, type ViewUpdate } from "@codemirror/view";
import type { Completion } from "@/components/builder/expression-editor/expression-context";

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

const theme = EditorView.theme({
  "&": { fontSize: "12px", border: "1px solid rgb(203 213 225)", borderRadius: "0.5rem", backgroundColor: "white" },
  "&.cm-focused": { outline: "2px solid rgb(99 102 241 / 0.3)", borderColor: "rgb(99 102 241)" },
  ".cm-content": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, monospace", padding: "6px 4px" },
  ".cm-expression": { color: "rgb(67 56 202)", backgroundColor: "rgb(238 242 255)", borderRadius: "3px" },
  ".cm-tooltip-autocomplete ul li[aria-selected]": { backgroundColor: "rgb(67 56 202)", color: "white" },
});

export default function CodeMirrorInput({ id, label, value, onChange, multiline, readOnly, placeholder, complete, invalid }: CodeMirrorInputProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  // The latest callbacks, read by the editor's extensions (created once).
  const latest = useRef({ onChange, complete });
  const latestInvalid = useRef(invalid);
  const validity = useRef(new Compartment());
  useEffect(() => {
    latest.current = { onChange, complete };
  });

  useEffect(() => {
    const source = (context: CompletionContext): CompletionResult | null => {
      const result = latest.current.complete(context.state.sliceDoc(0, context.pos));
      if (!result || (!result.options.length && !context.explicit)) return null;
      return { from: result.from, options: result.options.map((option) => ({ label: option.label, detail: option.detail, type: option.type })), validFor: /^[\w$-]*$/ };
    };
    const extensions: Extension[] = [
      history(),
      closeBrackets(),
      keymap.of([...completionKeymap, ...defaultKeymap, ...historyKeymap]),
      autocompletion({ override: [source], icons: false }),
      highlightExpressions,
      theme,
      EditorView.contentAttributes.of({ "aria-label": label, id, ...(multiline ? { "aria-multiline": "true" } : {}) }),
      validity.current.of(EditorView.contentAttributes.of({ "aria-invalid": String(Boolean(latestInvalid.current)) })),
      EditorState.readOnly.of(readOnly),
      EditorView.editable.of(!readOnly),
      EditorView.updateListener.of((update) => {
        if (!update.docChanged) return;
        latest.current.onChange(update.state.doc.toString());
        // "{{" and "." are not word characters, so typing them opens the list explicitly.
        const head = update.state.selection.main.head;
        const typed = update.state.sliceDoc(Math.max(0, head - 2), head);
        if (update.transactions.some((transaction) => transaction.isUserEvent("input.type")) && (typed === "{{" || (typed.endsWith(".") && latest.current.complete(update.state.sliceDoc(0, head))))) {
          queueMicrotask(() => startCompletion(update.view));
        }
      }),
    ];
    if (placeholder) extensions.push(placeholderText(placeholder));
    if (multiline) extensions.push(EditorView.lineWrapping, EditorView.theme({ ".cm-content": { minHeight: "4.5em" } }));
    // One line: newlines (typed or pasted) become spaces.
    else extensions.push(EditorState.transactionFilter.of((transaction) => (transaction.newDoc.lines > 1 ? [transaction, { changes: { from: 0, to: transaction.newDoc.length, insert: transaction.newDoc.toString().replace(/\r?\n/g, " ") }, sequential: true }] : transaction)));
    const editor = new EditorView({ parent: host.current!, state: EditorState.create({ doc: value, extensions }) });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // The editor is created once per field; value changes from outside are synced below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [readOnly, multiline, label, id]);

  // Reconfigured in place: recreating the editor would take the focus away while typing.
  useEffect(() => {
    latestInvalid.current = invalid;
    view.current?.dispatch({ effects: validity.current.reconfigure(EditorView.contentAttributes.of({ "aria-invalid": String(Boolean(invalid)) })) });
  }, [invalid]);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
  }, [value]);

  return <div ref={host} data-expression-editor={id} />;
}
