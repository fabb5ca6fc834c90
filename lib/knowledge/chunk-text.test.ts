import { describe, expect, it } from "vitest";
import { chunkText, countTokens } from "@/lib/knowledge/chunk-text";
import { htmlToMarkdown } from "@/lib/knowledge/extract-document-text";

describe("chunkText", () => {
  it("keeps the heading path of every passage and never spans two sections", () => {
    const chunks = chunkText("# Guide\n\nIntro text.\n\n## Install\n\nRun the installer.\n\n### Linux\n\nUse the package.\n\n## Use\n\nOpen the app.", { chunkTokens: 100, overlap: 10 });
    expect(chunks.map((chunk) => [chunk.heading, chunk.content])).toEqual([
      ["Guide", "Intro text."],
      ["Guide > Install", "Run the installer."],
      ["Guide > Install > Linux", "Use the package."],
      ["Guide > Use", "Open the app."],
    ]);
    expect(chunks.map((chunk) => chunk.position)).toEqual([0, 1, 2, 3]);
  });

  it("packs paragraphs up to the token budget and overlaps consecutive passages", () => {
    const sentences = Array.from({ length: 40 }, (_, index) => `Sentence number ${index} is about topic ${index}.`);
    const chunks = chunkText(sentences.join(" "), { chunkTokens: 60, overlap: 15 });
    expect(chunks.length).toBeGreaterThan(4);
    for (const chunk of chunks) expect(chunk.tokenCount).toBeLessThanOrEqual(60 + 2);
    for (let index = 1; index < chunks.length; index++) {
      const previousLast = chunks[index - 1]!.content.split(/(?<=\.) /).at(-1)!;
      expect(chunks[index]!.content.startsWith(previousLast), `passage ${index} starts with the end of ${index - 1}`).toBe(true);
    }
    // Every sentence is somewhere.
    const all = chunks.map((chunk) => chunk.content).join(" ");
    for (const sentence of sentences) expect(all).toContain(sentence);
  });

  it("cuts a paragraph without sentence breaks on token boundaries", () => {
    const long = "word ".repeat(1000).trim();
    const chunks = chunkText(long, { chunkTokens: 100, overlap: 0 });
    expect(chunks.length).toBe(10);
    expect(chunks.every((chunk) => countTokens(chunk.content) <= 101)).toBe(true);
  });

  it("ignores # lines inside code fences", () => {
    const chunks = chunkText("# Title\n\n```\n# not a heading\n```", { chunkTokens: 100, overlap: 0 });
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.heading).toBe("Title");
  });
});

describe("htmlToMarkdown", () => {
  it("keeps headings and text, drops scripts, styles and navigation, uses the title when there is no heading", () => {
    expect(htmlToMarkdown("<html><head><title>T</title><style>p{}</style></head><body><nav>menu</nav><h2>Part &amp; whole</h2><p>One<br>two</p><script>x()</script><ul><li>a</li><li>b</li></ul></body></html>")).toBe("## Part & whole\n\nOne\n\ntwo\n\n- a\n\n- b");
    expect(htmlToMarkdown("<title>Only a title</title><p>Body.</p>")).toBe("# Only a title\n\nBody.");
  });
});
