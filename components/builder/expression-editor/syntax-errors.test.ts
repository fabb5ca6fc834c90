import { javascriptLanguage } from "@codemirror/lang-javascript";
import { describe, expect, it } from "vitest";
import { syntaxErrorsOf } from "@/components/builder/expression-editor/syntax-errors";

const problemsIn = (source: string) => syntaxErrorsOf(javascriptLanguage.parser.parse(source), source.length);

describe("Code node syntax errors", () => {
  it("accepts a function body with a top-level return, as the sandbox runs it", () => {
    expect(problemsIn("const health = input.body.status;\nreturn { health };")).toEqual([]);
    expect(problemsIn("return input;")).toEqual([]);
    expect(problemsIn("const list = input.items ?? [];\nreturn list.map((item, index) => ({ ...item, index }));")).toEqual([]);
  });

  it("marks where the source stops parsing", () => {
    const unclosed = problemsIn("return { health: 1 ");
    expect(unclosed).toHaveLength(1);
    expect(unclosed[0]!.message).toMatch(/left open/);
    const broken = problemsIn("const = 3;\nreturn 1;");
    expect(broken.length).toBeGreaterThan(0);
    expect(broken[0]!.from).toBeLessThan("const = 3;".length);
    expect(broken[0]!.message).toBe("JavaScript syntax error here.");
  });
});
