import type { Tree } from "@lezer/common";

export type SyntaxProblem = { from: number; to: number; message: string };

/**
 * Where a parsed Code node source does not parse, from the grammar's error nodes (lezer recovers
 * and marks them). A Code node's source is a function body, so a top-level `return` is fine.
 */
export function syntaxErrorsOf(tree: Tree, length: number): SyntaxProblem[] {
  const problems: SyntaxProblem[] = [];
  tree.iterate({
    enter(node) {
      if (!node.type.isError) return;
      // An error at the very end (an unclosed brace) is zero-width: mark the last character.
      const from = Math.min(node.from, Math.max(0, length - 1));
      const to = Math.min(length, Math.max(node.to, from + 1));
      const atEnd = node.from >= length;
      const previous = problems.at(-1);
      if (previous && previous.to >= from) return; // one mark per broken stretch
      problems.push({ from, to, message: atEnd ? "Unexpected end of the code: is a bracket or quote left open?" : "JavaScript syntax error here." });
    },
  });
  return problems;
}
