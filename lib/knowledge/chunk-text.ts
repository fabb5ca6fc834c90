import { decode, encode } from "gpt-tokenizer/encoding/cl100k_base";

export type TextChunk = { position: number; heading: string; content: string; tokenCount: number };

type Unit = { text: string; tokens: number };

/**
 * Splits Markdown-ish text into passages of about `chunkTokens` tokens (cl100k, what OpenAI's
 * embedding models count), consecutive passages of one section sharing about `overlap` tokens.
 * Headings are kept as context: each passage carries the path of headings above it
 * ("Guide > Install"), and a passage never spans two sections. Paragraphs, then sentences, are
 * kept whole where they fit; longer ones are cut on token boundaries.
 */
export function chunkText(text: string, { chunkTokens = 400, overlap = 60 }: { chunkTokens?: number; overlap?: number } = {}): TextChunk[] {
  const chunks: TextChunk[] = [];
  for (const section of splitSections(text)) {
    const units = section.paragraphs.flatMap((paragraph) => toUnits(paragraph, chunkTokens));
    let current: Unit[] = [];
    let size = 0;
    const flush = () => {
      if (!current.length) return;
      const content = current.map((unit) => unit.text).join(" ").replace(/ ?\n\n ?/g, "\n\n").trim();
      if (content) chunks.push({ position: chunks.length, heading: section.heading, content, tokenCount: countTokens(content) });
      // The tail of this passage starts the next one (at most `overlap` tokens, whole units).
      const carried: Unit[] = [];
      let carriedSize = 0;
      for (let index = current.length - 1; index >= 0; index--) {
        const unit = current[index]!;
        if (carriedSize + unit.tokens > overlap) break;
        carried.unshift(unit);
        carriedSize += unit.tokens;
      }
      current = carried;
      size = carriedSize;
    };
    let fresh = 0; // units added since the last flush (carried ones alone make no passage)
    for (const unit of units) {
      if (size + unit.tokens > chunkTokens && fresh > 0) {
        flush();
        fresh = 0;
        // Carried overlap plus this unit must still fit.
        while (current.length && size + unit.tokens > chunkTokens) size -= current.shift()!.tokens;
      }
      current.push(unit);
      size += unit.tokens;
      fresh++;
    }
    if (fresh > 0) flush();
  }
  return chunks;
}

export function countTokens(text: string): number {
  return encode(text).length;
}

/** Sections by Markdown heading (ATX `#` lines), each with its heading path. */
function splitSections(text: string): { heading: string; paragraphs: string[] }[] {
  const sections: { heading: string; paragraphs: string[] }[] = [];
  const path: string[] = [];
  let lines: string[] = [];
  let inFence = false;
  const close = () => {
    const body = lines.join("\n").trim();
    if (body) sections.push({ heading: path.filter(Boolean).join(" > "), paragraphs: body.split(/\n{2,}/).map((paragraph) => paragraph.trim()).filter(Boolean) });
    lines = [];
  };
  for (const line of text.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const match = inFence ? null : /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (match) {
      close();
      const level = match[1]!.length;
      path.length = level - 1;
      path[level - 1] = match[2]!;
      continue;
    }
    lines.push(line);
  }
  close();
  return sections;
}

/** A paragraph as units that fit: whole, else its sentences, else token windows. */
function toUnits(paragraph: string, max: number): Unit[] {
  const tokens = countTokens(paragraph);
  const units: Unit[] = [];
  if (tokens <= max) units.push({ text: paragraph, tokens });
  else {
    const sentences = paragraph.match(/[^.!?\n]+(?:[.!?]+["')\]]*|\n|$)\s*/g) ?? [paragraph];
    for (const sentence of sentences) {
      const text = sentence.trim();
      if (!text) continue;
      const encoded = encode(text);
      if (encoded.length <= max) units.push({ text, tokens: encoded.length });
      else for (let start = 0; start < encoded.length; start += max) units.push({ text: decode(encoded.slice(start, start + max)), tokens: Math.min(max, encoded.length - start) });
    }
  }
  // Paragraph breaks survive the join (kept on the paragraph's last unit).
  if (units.length) units[units.length - 1] = { ...units.at(-1)!, text: `${units.at(-1)!.text}\n\n` };
  return units;
}
