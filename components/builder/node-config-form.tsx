"use client";

import { useMemo, useState } from "react";
import { Input, Label, Select } from "@/components/ui/input";
import { AgentToolsPicker } from "@/components/builder/agent-tools-picker";
import type { CatalogEntry, JsonSchema } from "@/components/builder/types";
import { NODE_REGISTRY } from "@/lib/engine/registry";
import { findCredentialProblem } from "@/lib/workflows/find-credential-problem";

const LONG_TEXT = new Set(["prompt", "system", "source", "template", "body", "message"]);

type Props = {
  entry: CatalogEntry;
  config: Record<string, unknown>;
  onChange: (config: Record<string, unknown>) => void;
  readOnly: boolean;
  credentials: { id: string; name: string; provider: string }[];
  /** Admins get "Add credential…" in the picker, which asks the editor to open the dialog. */
  onAddCredential?: (field: string) => void;
  /** `{{ … }}` references the node can use (upstream outputs, input, prev). */
  expressions: string[];
};

const ADD_CREDENTIAL = "__add_credential__";
const OPENAI_FAMILY = new Set(["openai", "openai-compatible"]);

/** The node's config form, generated from its schema (the same zod schema the server validates with). */
export function NodeConfigForm({ entry, config, onChange, readOnly, credentials, onAddCredential, expressions }: Props) {
  const schema = entry.configSchema;
  const issues = useMemo(() => {
    const definition = NODE_REGISTRY.get(entry.type);
    const result = definition?.configSchema.safeParse(config);
    if (!result || result.success) return new Map<string, string>();
    return new Map(result.error.issues.map((issue) => [issue.path.map(String).join(".") || "_", issue.message]));
  }, [entry.type, config]);

  if (!schema.properties || schema.anyOf || schema.oneOf) {
    return <JsonField label="Config (JSON)" value={config} onChange={(value) => onChange((value ?? {}) as Record<string, unknown>)} readOnly={readOnly} error={issues.values().next().value} />;
  }
  const set = (name: string, value: unknown) => onChange({ ...config, [name]: value });
  return (
    <div className="space-y-3">
      {Object.entries(schema.properties).map(([name, property]) => {
        const id = `config-${name}`;
        const value = config[name] ?? property.default;
        const error = issues.get(name) ?? [...issues.entries()].find(([path]) => path.startsWith(`${name}.`))?.[1];
        const label = name.replace(/([A-Z])/g, " $1").replace(/^./, (char) => char.toUpperCase());
        if (name === "credentialId") {
          // Agents list the credentials of their provider (OpenAI keys and OpenAI-compatible
          // servers fit each other); HTTP nodes can send any secret.
          const provider = entry.type === "ai.agent" ? String(config.provider ?? "") : "";
          const fits = (candidate: string) => !provider || candidate === provider || (OPENAI_FAMILY.has(candidate) && OPENAI_FAMILY.has(provider));
          const choices = credentials.filter((credential) => fits(credential.provider) || credential.id === value);
          const problem = findCredentialProblem({ type: entry.type, data: { config } }, credentials);
          return (
            <Field key={name} id={id} label="Credential" error={error}>
              <Select
                id={id}
                value={String(value ?? "")}
                disabled={readOnly}
                onChange={(event) => {
                  if (event.target.value === ADD_CREDENTIAL) onAddCredential?.(name);
                  else set(name, event.target.value || undefined);
                }}
              >
                <option value="">None</option>
                {value && !credentials.some((credential) => credential.id === value) ? <option value={String(value)}>Missing credential</option> : null}
                {choices.map((credential) => (
                  <option key={credential.id} value={credential.id}>
                    {credential.name} ({credential.provider})
                  </option>
                ))}
                {onAddCredential && !readOnly ? <option value={ADD_CREDENTIAL}>Add credential…</option> : null}
              </Select>
              {problem && !error ? <p className="mt-1 text-xs text-amber-800">{problem}</p> : null}
              {!onAddCredential && !readOnly && choices.length === 0 ? <p className="mt-1 text-xs text-slate-500">No fitting credential yet: an admin adds one in Settings → Credentials.</p> : null}
            </Field>
          );
        }
        if (property.enum) {
          return (
            <Field key={name} id={id} label={label} error={error}>
              <Select id={id} value={String(value ?? "")} disabled={readOnly} onChange={(event) => set(name, event.target.value)}>
                {property.enum.map((option) => (
                  <option key={String(option)} value={String(option)}>
                    {String(option)}
                  </option>
                ))}
              </Select>
            </Field>
          );
        }
        const type = Array.isArray(property.type) ? property.type[0] : property.type;
        if (type === "number" || type === "integer") {
          return (
            <Field key={name} id={id} label={label} error={error}>
              <Input id={id} type="number" value={value === undefined ? "" : String(value)} disabled={readOnly} onChange={(event) => set(name, event.target.value === "" ? undefined : Number(event.target.value))} />
            </Field>
          );
        }
        if (type === "boolean") {
          return (
            <label key={name} className="flex items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" checked={Boolean(value)} disabled={readOnly} onChange={(event) => set(name, event.target.checked)} />
              {label}
            </label>
          );
        }
        if (type === "string") {
          return (
            <Field key={name} id={id} label={label} error={error}>
              {LONG_TEXT.has(name) ? (
                <textarea id={id} rows={name === "source" ? 8 : 4} className="w-full rounded-lg border border-slate-300 p-2 font-mono text-xs" value={String(value ?? "")} disabled={readOnly} onChange={(event) => set(name, event.target.value)} />
              ) : (
                <Input id={id} value={String(value ?? "")} disabled={readOnly} onChange={(event) => set(name, event.target.value)} />
              )}
              {!readOnly && expressions.length ? (
                <select
                  aria-label={`Insert an expression into ${label}`}
                  className="mt-1 w-full rounded border border-slate-200 bg-slate-50 px-1 py-0.5 text-xs text-slate-600"
                  value=""
                  onChange={(event) => event.target.value && set(name, `${String(value ?? "")}${event.target.value}`)}
                >
                  <option value="">Insert {"{{ … }}"}</option>
                  {expressions.map((expression) => (
                    <option key={expression} value={expression}>
                      {expression}
                    </option>
                  ))}
                </select>
              ) : null}
            </Field>
          );
        }
        if (entry.type === "ai.agent" && name === "tools") {
          return <AgentToolsPicker key={name} value={value} onChange={(next) => set(name, next)} readOnly={readOnly} error={error} renderJson={() => <JsonField label="Tools (JSON)" value={value} onChange={(next) => set(name, next)} readOnly={readOnly} />} />;
        }
        return <JsonField key={name} label={label} value={value} onChange={(next) => set(name, next)} readOnly={readOnly} error={error} />;
      })}
    </div>
  );
}

function Field({ id, label, error, children }: { id: string; label: string; error?: string; children: React.ReactNode }) {
  return (
    <div>
      <Label htmlFor={id}>{label}</Label>
      {children}
      {error ? (
        <p className="mt-1 text-xs text-rose-600" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function JsonField({ label, value, onChange, readOnly, error }: { label: string; value: unknown; onChange: (value: unknown) => void; readOnly: boolean; error?: string }) {
  const [text, setText] = useState(() => JSON.stringify(value ?? null, null, 2));
  const [parseError, setParseError] = useState<string | null>(null);
  return (
    <div>
      <Label>{label}</Label>
      <textarea
        aria-label={label}
        rows={6}
        className="w-full rounded-lg border border-slate-300 p-2 font-mono text-xs"
        value={text}
        disabled={readOnly}
        onChange={(event) => setText(event.target.value)}
        onBlur={() => {
          try {
            onChange(JSON.parse(text));
            setParseError(null);
          } catch {
            setParseError("Not valid JSON");
          }
        }}
      />
      {parseError || error ? <p className="mt-1 text-xs text-rose-600" role="alert">{parseError ?? error}</p> : null}
    </div>
  );
}

export type { JsonSchema };
