"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import { ANSWER_FIELD_TYPE_LABELS, ANSWER_FIELD_TYPES, answerFieldsOf, answerSchemaOf, type AnswerField, type AnswerFieldType } from "@/components/builder/fields/answer-schema";

/**
 * The agent's structured answer: rows of fields (name, type, description, required) that make
 * the JSON Schema. A schema deeper than such rows (nested objects, enums) is shown as JSON, which
 * `renderJson` edits.
 */
export function AnswerSchemaField({ id, value, readOnly, onChange, renderJson }: { id: string; value: unknown; readOnly: boolean; onChange: (value: unknown) => void; renderJson: () => React.ReactNode }) {
  const fromValue = answerFieldsOf(value);
  const [rows, setRows] = useState<AnswerField[]>(fromValue ?? []);
  const [asJson, setAsJson] = useState(fromValue === null);
  const update = (next: AnswerField[]) => {
    setRows(next);
    onChange(answerSchemaOf(next));
  };
  const patch = (index: number, change: Partial<AnswerField>) => update(rows.map((row, at) => (at === index ? { ...row, ...change } : row)));

  return (
    <div id={id} className="space-y-2">
      <div role="radiogroup" aria-label="Answer schema as" className="inline-flex rounded-lg border border-slate-300 p-0.5">
        {[
          { json: false, label: "Fields" },
          { json: true, label: "JSON Schema" },
        ].map((option) => (
          <button
            key={option.label}
            type="button"
            role="radio"
            aria-checked={asJson === option.json}
            disabled={readOnly || (!option.json && answerFieldsOf(value) === null)}
            title={!option.json && answerFieldsOf(value) === null ? "This schema has nested parts: edit it as JSON" : undefined}
            onClick={() => {
              if (!option.json) setRows(answerFieldsOf(value) ?? []);
              setAsJson(option.json);
            }}
            className={`rounded-md px-2 py-0.5 text-xs ${asJson === option.json ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100 disabled:opacity-50"}`}
          >
            {option.label}
          </button>
        ))}
      </div>
      {asJson ? (
        renderJson()
      ) : (
        <>
          {rows.length === 0 ? <p className="text-xs text-slate-500">No fields: the agent answers in text. Add a field to get a validated object instead.</p> : null}
          <ol className="space-y-2" aria-label="Answer fields">
            {rows.map((row, index) => (
              <li key={index} className="space-y-1 rounded-lg border border-slate-200 p-2" aria-label={`Answer field ${index + 1}`}>
                <div className="flex gap-1">
                  <Input aria-label={`Answer field ${index + 1} name`} placeholder="name" className="h-8 text-xs" value={row.name} disabled={readOnly} onChange={(event) => patch(index, { name: event.target.value })} />
                  <Select aria-label={`Answer field ${index + 1} type`} className="h-8 w-32 text-xs" value={row.type} disabled={readOnly} onChange={(event) => patch(index, { type: event.target.value as AnswerFieldType })}>
                    {ANSWER_FIELD_TYPES.map((type) => (
                      <option key={type} value={type}>
                        {ANSWER_FIELD_TYPE_LABELS[type]}
                      </option>
                    ))}
                  </Select>
                </div>
                <Input aria-label={`Answer field ${index + 1} description`} placeholder="what it holds (the model reads this)" className="h-8 text-xs" value={row.description} disabled={readOnly} onChange={(event) => patch(index, { description: event.target.value })} />
                <div className="flex items-center justify-between">
                  <label className="flex items-center gap-1 text-xs text-slate-700">
                    <input type="checkbox" checked={row.required} disabled={readOnly} onChange={(event) => patch(index, { required: event.target.checked })} />
                    Required
                  </label>
                  <button type="button" className="text-xs text-rose-700 hover:underline" aria-label={`Remove answer field ${index + 1}`} disabled={readOnly} onClick={() => update(rows.filter((_, at) => at !== index))}>
                    Remove
                  </button>
                </div>
              </li>
            ))}
          </ol>
          {readOnly ? null : (
            <Button type="button" variant="secondary" size="sm" onClick={() => update([...rows, { name: "", type: "string", description: "", required: true }])}>
              Add answer field
            </Button>
          )}
        </>
      )}
    </div>
  );
}
