"use client";

import { useEffect, useState } from "react";
import { Select } from "@/components/ui/input";
import { apiRequest } from "@/lib/ui/api-request";

/** A workflow or knowledge base of the workspace, picked by name (stored as its id). */
export function ResourceSelect({ id, url, noun, value, onChange, readOnly }: { id: string; url: string; noun: string; value: string; onChange: (value: string) => void; readOnly: boolean }) {
  const [items, setItems] = useState<{ id: string; name: string }[] | null>(null);
  useEffect(() => {
    let live = true;
    apiRequest<{ items: { id: string; name: string }[] }>("GET", url).then(
      (list) => live && setItems(list.items),
      () => live && setItems([]),
    );
    return () => {
      live = false;
    };
  }, [url]);
  return (
    <Select id={id} value={value} disabled={readOnly} onChange={(event) => onChange(event.target.value)}>
      <option value="">{items === null ? "Loading…" : `Choose a ${noun}…`}</option>
      {value && items && !items.some((item) => item.id === value) ? <option value={value}>Missing {noun} ({value})</option> : null}
      {(items ?? []).map((item) => (
        <option key={item.id} value={item.id}>
          {item.name}
        </option>
      ))}
    </Select>
  );
}
