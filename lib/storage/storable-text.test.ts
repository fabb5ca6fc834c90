import { describe, expect, it } from "vitest";
import { describeUnstorableText, isStorableText, toStorableJsonText, toStorableText } from "@/lib/storage/storable-text";

const storableValue = (value: unknown): unknown =>
  typeof value === "string"
    ? toStorableText(value)
    : Array.isArray(value)
      ? value.map(storableValue)
      : value && typeof value === "object"
        ? Object.fromEntries(Object.entries(value).map(([key, entry]) => [toStorableText(key), storableValue(entry)]))
        : value;

describe("storable text", () => {
  it("tells NUL and lone surrogates from everything else", () => {
    for (const text of ["", "plain", "emoji 😀", "\ufffd", "tab\tnew\nline", "\u0001"]) expect(isStorableText(text), JSON.stringify(text)).toBe(true);
    for (const text of ["a\u0000b", "\ud800", "x\udc00", "\ud83d", "\ude00\ud83d"]) expect(isStorableText(text), JSON.stringify(text)).toBe(false);
    expect(describeUnstorableText("a\u0000")).toBe("U+0000 (NUL)");
    expect(describeUnstorableText("a\ud800")).toBe("U+D800 (a lone surrogate)");
    expect(describeUnstorableText("ok")).toBeNull();
  });

  it("replaces each NUL and lone surrogate with U+FFFD and keeps surrogate pairs", () => {
    expect(toStorableText("a\u0000b\ud800c😀\udc00")).toBe("a\ufffdb\ufffdc😀\ufffd");
    expect(toStorableText("unchanged")).toBe("unchanged");
  });

  it("rewrites JSON text exactly as the values it holds would be rewritten", () => {
    const values = [
      { text: "a\u0000b", [`k\u0000`]: ["\ud800", "😀", "\udfff\ud800"] },
      { literal: "\\u0000 is not a NUL", nested: "\\\u0000", pair: "\ud83d\ude00" },
      "\u0000",
      [[[[{ deep: "\ud800" }]]]],
    ];
    for (const value of values) {
      const stored = JSON.parse(toStorableJsonText(JSON.stringify(value)));
      expect(stored).toEqual(storableValue(value));
    }
    expect(toStorableJsonText('"\\ud83d\\ude00"')).toBe('"\\ud83d\\ude00"');
    expect(toStorableJsonText('{"a":"\\\\u0000"}')).toBe('{"a":"\\\\u0000"}');
  });

  it("handles any depth without recursion", () => {
    const deep = "[".repeat(200_000) + '"\\u0000"' + "]".repeat(200_000);
    expect(toStorableJsonText(deep)).toBe("[".repeat(200_000) + '"\\ufffd"' + "]".repeat(200_000));
  });
});
