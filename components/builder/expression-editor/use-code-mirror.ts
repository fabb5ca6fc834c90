"use client";

import { useEffect, useRef } from "react";
import { Compartment, EditorState, type Extension } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import type { Completion } from "@/components/builder/expression-editor/expression-context";

/** The look both editors share: the form's border, focus ring and monospace text. */
export const editorTheme = EditorView.theme({
  "&": { fontSize: "12px", border: "1px solid rgb(203 213 225)", borderRadius: "0.5rem", backgroundColor: "white" },
  "&.cm-focused": { outline: "2px solid rgb(99 102 241 / 0.3)", borderColor: "rgb(99 102 241)" },
  ".cm-content": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, monospace", padding: "6px 4px" },
  ".cm-expression": { color: "rgb(67 56 202)", backgroundColor: "rgb(238 242 255)", borderRadius: "3px" },
  ".cm-tooltip-autocomplete ul li[aria-selected]": { backgroundColor: "rgb(67 56 202)", color: "white" },
});

type Options = {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  readOnly: boolean;
  invalid?: boolean;
  /** Completions for the text left of the cursor; the editor's extensions read the latest one. */
  complete: (before: string) => Completion | null;
  /** Built once per editor (the editor is recreated only when `rebuildOn` changes). */
  extensions: (latest: { complete: (before: string) => Completion | null }) => Extension[];
  rebuildOn: unknown[];
};

/**
 * A CodeMirror view in the returned host element, labelled for assistive tech, kept in sync with
 * `value` without being recreated while typing (recreating would take the focus away).
 */
export function useCodeMirror({ id, label, value, onChange, readOnly, invalid, complete, extensions, rebuildOn }: Options) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef({ onChange, extensions, invalid, complete });
  const validity = useRef(new Compartment());
  useEffect(() => {
    latest.current = { onChange, extensions, invalid, complete };
  });

  useEffect(() => {
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          ...latest.current.extensions({ complete: (before) => latest.current.complete(before) }),
          editorTheme,
          EditorView.contentAttributes.of({ "aria-label": label, id }),
          validity.current.of(EditorView.contentAttributes.of({ "aria-invalid": String(Boolean(latest.current.invalid)) })),
          EditorState.readOnly.of(readOnly),
          EditorView.editable.of(!readOnly),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) latest.current.onChange(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // Value changes from outside are synced below, not by recreating the editor.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [readOnly, label, id, ...rebuildOn]);

  useEffect(() => {
    view.current?.dispatch({ effects: validity.current.reconfigure(EditorView.contentAttributes.of({ "aria-invalid": String(Boolean(invalid)) })) });
  }, [invalid]);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
  }, [value]);

  return host;
}
