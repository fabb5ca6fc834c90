"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/input";
import { ExpressionField } from "@/components/builder/expression-editor/expression-field";
import { CodeField } from "@/components/builder/expression-editor/code-field";
import { activeVariant, defaultsOf, newListItem, type FieldModel, type FieldSpec } from "@/components/builder/fields/field-model";
import { AnswerSchemaField } from "@/components/builder/fields/answer-schema-field";
import type { ConfigIssues } from "@/components/builder/fields/config-issues";
import { MemberPicker } from "@/components/builder/fields/member-picker";
import { ResourceSelect } from "@/components/builder/fields/resource-select";

/** What a field needs beyond its value: the issues by path and the node-specific widgets. */
export type FieldEnv = {
  issues: ConfigIssues;
  readOnly: boolean;
  /** Renders the credential picker and the agent's tools picker (they know the node). */
  renderSpecial: (spec: FieldSpec, path: string, value: unknown, onChange: (value: unknown) => void, error?: string) => React.ReactNode;
};

export const fieldId = (path: string) => `config-${path.replace(/\./g, "-")}`;

export function FieldError({ id, message }: { id?: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1 text-xs text-rose-600" role="alert">
      {message}
    </p>
  );
}

/** A list of fields (an object's properties) at `path`. */
export function FieldList({ fields, path, value, onChange, env }: { fields: FieldSpec[]; path: string; value: Record<string, unknown>; onChange: (value: Record<string, unknown>) => void; env: FieldEnv }) {
  return (
    <div className="space-y-3">
      {fields.map((spec) => (
        <FieldEditor
          key={spec.name}
          spec={spec}
          path={path ? `${path}.${spec.name}` : spec.name}
          value={value[spec.name]}
          onChange={(next) => {
            const copy = { ...value };
            if (next === undefined) delete copy[spec.name];
            else copy[spec.name] = next;
            onChange(copy);
          }}
          env={env}
        />
      ))}
    </div>
  );
}

/** One field: label, the widget its schema calls for, its description and its error. */
export function FieldEditor({ spec, path, value, onChange, env }: { spec: FieldSpec; path: string; value: unknown; onChange: (value: unknown) => void; env: FieldEnv }) {
  const id = fieldId(path);
  const error = env.issues.get(path);
  const shown = value ?? spec.default;
  const { model } = spec;
  const help = spec.description ? <p className="mt-0.5 text-xs text-slate-500">{spec.description}</p> : null;

  const special = env.renderSpecial(spec, path, shown, onChange, error);
  if (special) return <>{special}</>;

  if (model.kind === "boolean") {
    return (
      <div>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input id={id} type="checkbox" checked={Boolean(shown)} disabled={env.readOnly} onChange={(event) => onChange(event.target.checked)} />
          {spec.label}
        </label>
        {help}
        <FieldError message={error} />
      </div>
    );
  }
  // Optional groups (an agent's budget or memory) are off until switched on.
  if (model.kind === "object" && spec.optional) {
    return (
      <fieldset className="rounded-lg border border-slate-200 p-2">
        <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
          <input type="checkbox" aria-label={`Use ${spec.label.toLowerCase()}`} checked={value !== undefined} disabled={env.readOnly} onChange={(event) => onChange(event.target.checked ? defaultsOf({ properties: Object.fromEntries(model.fields.map((field) => [field.name, { default: field.default }])) }) : undefined)} />
          {spec.label}
        </label>
        {value !== undefined ? (
          <div className="mt-2">
            <FieldList fields={model.fields} path={path} value={(value as Record<string, unknown>) ?? {}} onChange={onChange} env={env} />
          </div>
        ) : null}
        <FieldError message={error} />
      </fieldset>
    );
  }
  return (
    <div>
      {/* The required mark sits outside the label: the field's name stays its label. */}
      <div className="flex items-baseline gap-0.5">
        <Label htmlFor={id}>{spec.label}</Label>
        {spec.required ? <span aria-hidden="true" className="text-sm text-slate-700">*</span> : null}
      </div>
      <Widget id={id} label={spec.label} model={model} path={path} value={shown} onChange={onChange} env={env} invalid={!!error} />
      {help}
      <FieldError message={error} />
    </div>
  );
}

function Widget({ id, label, model, path, value, onChange, env, invalid }: { id: string; label: string; model: FieldModel; path: string; value: unknown; onChange: (value: unknown) => void; env: FieldEnv; invalid: boolean }) {
  const { readOnly } = env;
  switch (model.kind) {
    case "text":
      if (model.expression) return <ExpressionField id={id} label={label} value={String(value ?? "")} onChange={onChange} multiline={model.multiline} readOnly={readOnly} invalid={invalid} placeholder="Text, or {{ to insert a value" />;
      if (model.code) return <CodeField id={id} label={label} value={String(value ?? "")} onChange={onChange} readOnly={readOnly} invalid={invalid} />;
      if (model.multiline) return <textarea id={id} rows={4} className="w-full rounded-lg border border-slate-300 p-2 font-mono text-xs" value={String(value ?? "")} disabled={readOnly} aria-invalid={invalid} onChange={(event) => onChange(event.target.value)} />;
      return <Input id={id} value={String(value ?? "")} disabled={readOnly} aria-invalid={invalid} onChange={(event) => onChange(event.target.value)} />;
    case "number":
      return <NumberInput id={id} value={value} integer={model.integer} min={model.min} max={model.max} readOnly={readOnly} invalid={invalid} onChange={onChange} />;
    case "enum":
      return (
        <Select id={id} value={value === undefined ? "" : String(value)} disabled={readOnly} aria-invalid={invalid} onChange={(event) => onChange(event.target.value || undefined)}>
          {value === undefined ? <option value="">Choose…</option> : null}
          {model.options.map((option) => (
            <option key={option} value={option}>
              {option.replace(/_/g, " ")}
            </option>
          ))}
        </Select>
      );
    case "multi-enum": {
      const chosen = Array.isArray(value) ? (value as string[]) : [];
      return (
        <div id={id} role="group" aria-label={label} className="flex flex-wrap gap-3">
          {model.options.map((option) => (
            <label key={option} className="flex items-center gap-1 text-sm">
              <input type="checkbox" checked={chosen.includes(option)} disabled={readOnly} onChange={(event) => onChange(event.target.checked ? [...chosen, option] : chosen.filter((other) => other !== option))} />
              {option}
            </label>
          ))}
        </div>
      );
    }
    case "scalar":
      return <ScalarInput id={id} value={value} readOnly={readOnly} onChange={onChange} />;
    case "members":
      return <MemberPicker id={id} label={label} value={String(value ?? "")} readOnly={readOnly} onChange={onChange} />;
    case "workflow":
      return <ResourceSelect id={id} url="/api/v1/workflows?limit=100" noun="workflow" value={String(value ?? "")} readOnly={readOnly} onChange={onChange} />;
    case "knowledge-base":
      return <ResourceSelect id={id} url="/api/v1/knowledge-bases" noun="knowledge base" value={String(value ?? "")} readOnly={readOnly} onChange={onChange} />;
    case "list":
      return <ListEditor id={id} label={label} model={model} path={path} value={Array.isArray(value) ? value : []} onChange={onChange} env={env} />;
    case "record":
      return <RecordEditor id={id} label={label} model={model} path={path} value={value && typeof value === "object" ? (value as Record<string, unknown>) : {}} onChange={onChange} env={env} />;
    case "object":
      return (
        <div id={id} className="rounded-lg border border-slate-200 p-2">
          <FieldList fields={model.fields} path={path} value={(value as Record<string, unknown>) ?? {}} onChange={onChange} env={env} />
        </div>
      );
    case "variants": {
      const config = (value as Record<string, unknown>) ?? {};
      return <VariantSwitch id={id} model={model} path={path} value={config} onChange={onChange} env={env} />;
    }
    case "answer-schema":
      return <AnswerSchemaField id={id} value={value} readOnly={readOnly} onChange={onChange} renderJson={() => <JsonInput id={`${id}-json`} value={value} readOnly={readOnly} invalid={invalid} onChange={onChange} />} />;
    default:
      return <JsonInput id={id} value={value} readOnly={readOnly} invalid={invalid} onChange={onChange} />;
  }
}

/** A union of object shapes: a mode switch, then the chosen shape's fields. */
export function VariantSwitch({ id, model, path, value, onChange, env }: { id: string; model: Extract<FieldModel, { kind: "variants" }>; path: string; value: Record<string, unknown>; onChange: (value: Record<string, unknown>) => void; env: FieldEnv }) {
  const variant = activeVariant(model, value);
  // Shown with the variant's defaults filled in, so "{}" reads as the first mode's empty form.
  const shown = { ...variant.defaults, ...value };
  return (
    <div className="space-y-3">
      <div role="radiogroup" aria-label="Mode" id={id} className="inline-flex rounded-lg border border-slate-300 p-0.5">
        {model.variants.map((option) => (
          <button
            key={option.value}
            type="button"
            role="radio"
            aria-checked={option.value === variant.value}
            disabled={env.readOnly}
            className={`rounded-md px-2 py-1 text-xs ${option.value === variant.value ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100"}`}
            onClick={() => option.value !== variant.value && onChange(structuredClone(option.defaults))}
          >
            {option.label}
          </button>
        ))}
      </div>
      <FieldList fields={variant.fields} path={path} value={shown} onChange={(next) => onChange({ ...next, [model.discriminator]: variant.value })} env={env} />
    </div>
  );
}

function NumberInput({ id, value, integer, min, max, readOnly, invalid, onChange }: { id: string; value: unknown; integer: boolean; min?: number; max?: number; readOnly: boolean; invalid: boolean; onChange: (value: unknown) => void }) {
  return (
    <Input
      id={id}
      type="number"
      step={integer ? 1 : "any"}
      min={min}
      max={max}
      value={typeof value === "number" ? String(value) : ""}
      disabled={readOnly}
      aria-invalid={invalid}
      onChange={(event) => onChange(event.target.value === "" ? undefined : Number(event.target.value))}
    />
  );
}

/** string | number | boolean | null: the type first, then the value. */
function ScalarInput({ id, value, readOnly, onChange }: { id: string; value: unknown; readOnly: boolean; onChange: (value: unknown) => void }) {
  const kind = value === null ? "null" : typeof value === "number" ? "number" : typeof value === "boolean" ? "boolean" : "string";
  return (
    <div className="flex gap-1">
      <Select aria-label="Value type" className="h-8 w-24 text-xs" value={kind} disabled={readOnly} onChange={(event) => onChange({ string: "", number: 0, boolean: true, null: null }[event.target.value])}>
        <option value="string">text</option>
        <option value="number">number</option>
        <option value="boolean">yes/no</option>
        <option value="null">null</option>
      </Select>
      {kind === "string" ? <Input id={id} className="h-8 text-xs" value={String(value ?? "")} disabled={readOnly} onChange={(event) => onChange(event.target.value)} /> : null}
      {kind === "number" ? <Input id={id} type="number" className="h-8 text-xs" value={String(value)} disabled={readOnly} onChange={(event) => onChange(Number(event.target.value))} /> : null}
      {kind === "boolean" ? (
        <Select id={id} className="h-8 text-xs" value={String(value)} disabled={readOnly} onChange={(event) => onChange(event.target.value === "true")}>
          <option value="true">yes</option>
          <option value="false">no</option>
        </Select>
      ) : null}
    </div>
  );
}

/** Rows that can be added and removed; each row is the item's own form. */
function ListEditor({ id, label, model, path, value, onChange, env }: { id: string; label: string; model: Extract<FieldModel, { kind: "list" }>; path: string; value: unknown[]; onChange: (value: unknown[]) => void; env: FieldEnv }) {
  const singular = label.replace(/ \(.*\)$/, "").replace(/ies$/, "y").replace(/s$/, "").toLowerCase();
  return (
    <div id={id} className="space-y-2">
      <ol className="space-y-2" aria-label={label}>
        {value.map((item, index) => (
          <li key={index} className="rounded-lg border border-slate-200 p-2" aria-label={`${label} ${index + 1}`}>
            <div className="mb-1 flex items-center justify-between">
              <span className="text-xs font-medium text-slate-500">
                {singular} {index + 1}
              </span>
              {!env.readOnly ? (
                <button type="button" className="text-xs text-rose-700 hover:underline" aria-label={`Remove ${singular} ${index + 1}`} onClick={() => onChange(value.filter((_, at) => at !== index))}>
                  Remove
                </button>
              ) : null}
            </div>
            {model.item.kind === "object" ? (
              <FieldList fields={model.item.fields} path={`${path}.${index}`} value={(item as Record<string, unknown>) ?? {}} onChange={(next) => onChange(value.map((other, at) => (at === index ? next : other)))} env={env} />
            ) : (
              <>
                <Widget id={`${id}-${index}`} label={`${label} ${index + 1}`} model={model.item} path={`${path}.${index}`} value={item} onChange={(next) => onChange(value.map((other, at) => (at === index ? next : other)))} env={env} invalid={env.issues.has(`${path}.${index}`)} />
                <FieldError message={env.issues.get(`${path}.${index}`)} />
              </>
            )}
          </li>
        ))}
      </ol>
      {!env.readOnly ? (
        <Button variant="secondary" size="sm" onClick={() => onChange([...value, newListItem(model, value)])}>
          Add {singular}
        </Button>
      ) : null}
    </div>
  );
}

type Row = { key: string; value: unknown };
const rowsOf = (value: Record<string, unknown>): Row[] => Object.entries(value).map(([key, entry]) => ({ key, value: entry }));
const objectOf = (rows: Row[]) => Object.fromEntries(rows.map((row) => [row.key, row.value]));

/** Name → value rows for records (headers, named fields, metadata filters). */
function RecordEditor({ id, label, model, path, value, onChange, env }: { id: string; label: string; model: Extract<FieldModel, { kind: "record" }>; path: string; value: Record<string, unknown>; onChange: (value: Record<string, unknown>) => void; env: FieldEnv }) {
  // Rows live here while keys are edited (a half-typed or duplicate name is still a row);
  // they follow the stored value when it changes from outside (undo, another field).
  const [rows, setRows] = useState<Row[]>(() => rowsOf(value));
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    if (JSON.stringify(objectOf(rows)) !== JSON.stringify(value)) setRows(rowsOf(value));
  }
  const update = (next: Row[]) => {
    setRows(next);
    onChange(objectOf(next));
  };
  const blank = model.value.kind === "number" ? 0 : "";
  const duplicates = new Set(rows.map((row) => row.key).filter((key, index, keys) => keys.indexOf(key) !== index));
  return (
    <div id={id} className="space-y-2">
      {rows.length === 0 ? <p className="text-xs text-slate-500">None yet.</p> : null}
      <ul className="space-y-2" aria-label={label}>
        {rows.map((row, index) => {
          const valuePath = `${path}.${row.key}`;
          return (
            <li key={index} className="rounded-lg border border-slate-200 p-2">
              <div className="flex items-center gap-1">
                <Input aria-label={`${label} ${index + 1} name`} placeholder="name" className="h-8 text-xs" value={row.key} disabled={env.readOnly} onChange={(event) => update(rows.map((other, at) => (at === index ? { ...other, key: event.target.value } : other)))} />
                {!env.readOnly ? (
                  <button type="button" className="px-1 text-xs text-rose-700 hover:underline" aria-label={`Remove ${label.toLowerCase()} ${index + 1}`} onClick={() => update(rows.filter((_, at) => at !== index))}>
                    Remove
                  </button>
                ) : null}
              </div>
              <div className="mt-1">
                <Widget id={`${id}-${index}`} label={`${label} ${index + 1} value`} model={model.value} path={valuePath} value={row.value} onChange={(next) => update(rows.map((other, at) => (at === index ? { ...other, value: next } : other)))} env={env} invalid={env.issues.has(valuePath)} />
              </div>
              <FieldError message={duplicates.has(row.key) ? `"${row.key}" is used twice: the last one wins.` : env.issues.get(valuePath)} />
            </li>
          );
        })}
      </ul>
      {!env.readOnly ? (
        <Button
          variant="secondary"
          size="sm"
          onClick={() => {
            let index = rows.length + 1;
            while (rows.some((row) => row.key === `field_${index}`)) index++;
            update([...rows, { key: model.keyPattern ? `field_${index}` : "", value: blank }]);
          }}
        >
          Add {label.toLowerCase().replace(/s$/, "")}
        </Button>
      ) : null}
    </div>
  );
}

/** Free JSON data (an agent's answer schema): parsed on blur, errors said in words. */
function JsonInput({ id, value, readOnly, invalid, onChange }: { id: string; value: unknown; readOnly: boolean; invalid: boolean; onChange: (value: unknown) => void }) {
  const [text, setText] = useState(() => (value === undefined ? "" : JSON.stringify(value, null, 2)));
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <>
      <textarea
        id={id}
        rows={6}
        spellCheck={false}
        className="w-full rounded-lg border border-slate-300 p-2 font-mono text-xs"
        value={text}
        disabled={readOnly}
        aria-invalid={invalid || !!problem}
        onChange={(event) => setText(event.target.value)}
        onBlur={() => {
          if (!text.trim()) {
            setProblem(null);
            onChange(undefined);
            return;
          }
          try {
            onChange(JSON.parse(text));
            setProblem(null);
          } catch (error) {
            setProblem(`Not valid JSON: ${(error as Error).message}`);
          }
        }}
      />
      <FieldError message={problem ?? undefined} />
    </>
  );
}
