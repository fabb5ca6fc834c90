/** A copy of `config` with `value` at a form path such as "credentialId" or "tools.0.credentialId" (numbers index lists). */
export function setAtPath(config: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split(".");
  return setIn(config, head!, rest, value) as Record<string, unknown>;
}

function setIn(container: unknown, key: string, rest: string[], value: unknown): unknown {
  const list = Array.isArray(container);
  const copy: Record<string, unknown> | unknown[] = list ? [...container] : { ...((container as Record<string, unknown>) ?? {}) };
  const current = list ? (copy as unknown[])[Number(key)] : (copy as Record<string, unknown>)[key];
  const next = rest.length ? setIn(current ?? (/^\d+$/.test(rest[0]!) ? [] : {}), rest[0]!, rest.slice(1), value) : value;
  if (list) (copy as unknown[])[Number(key)] = next;
  else (copy as Record<string, unknown>)[key] = next;
  return copy;
}
