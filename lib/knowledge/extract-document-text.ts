import { Parser } from "htmlparser2";
import { AppError } from "@/lib/errors/app-error";
import { DOCUMENT_TYPES, type DocumentMimeType } from "@/lib/knowledge/sniff-document-type";

/**
 * A document's readable text as light Markdown: headings as `#` lines (what the chunker keeps as
 * context), paragraphs separated by blank lines. PDF through unpdf (PDF.js without native
 * parts), DOCX through mammoth (to HTML, so Word's headings survive), HTML with htmlparser2.
 * Unreadable files throw AppError("unprocessable") naming the problem.
 */
export async function extractDocumentText(bytes: Uint8Array, mimeType: DocumentMimeType): Promise<string> {
  switch (mimeType) {
    case DOCUMENT_TYPES.txt:
    case DOCUMENT_TYPES.md:
      return normalise(Buffer.from(bytes).toString("utf8"));
    case DOCUMENT_TYPES.html:
      return htmlToMarkdown(Buffer.from(bytes).toString("utf8"));
    case DOCUMENT_TYPES.pdf:
      return pdfToText(bytes);
    case DOCUMENT_TYPES.docx:
      return docxToText(bytes);
  }
}

async function pdfToText(bytes: Uint8Array): Promise<string> {
  const { extractText, getDocumentProxy } = await import("unpdf");
  let pages: string[];
  try {
    // PDF.js takes ownership of the buffer it is given: hand it a copy.
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    pages = (await extractText(pdf, { mergePages: false })).text;
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === "PasswordException") throw new AppError("unprocessable", "The PDF is password-protected; upload an unprotected copy.");
    throw new AppError("unprocessable", `The PDF could not be read (${(error as Error).message?.slice(0, 200) ?? "invalid file"}).`);
  }
  const text = normalise(pages.join("\n\n"));
  if (!text.trim()) throw new AppError("unprocessable", "The PDF has no text layer (a scan?); run it through OCR first.");
  return text;
}

async function docxToText(bytes: Uint8Array): Promise<string> {
  const mammoth = (await import("mammoth")).default;
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
  } catch (error) {
    throw new AppError("unprocessable", `The Word document could not be read (${(error as Error).message?.slice(0, 200) ?? "invalid file"}).`);
  }
  return htmlToMarkdown(html);
}

const SKIPPED = new Set(["title", "script", "style", "noscript", "template", "svg", "head", "nav", "footer", "iframe", "form", "button", "select"]);
const BLOCKS = new Set(["p", "div", "section", "article", "main", "header", "aside", "blockquote", "pre", "table", "tr", "ul", "ol", "dl", "dt", "dd", "figure", "figcaption", "br", "hr", "li", "td", "th"]);

/** Readable text of an HTML page, headings as Markdown; scripts, styles, navigation and footers dropped. */
export function htmlToMarkdown(html: string): string {
  const out: string[] = [];
  let skipping = 0;
  let title = "";
  let inTitle = false;
  let sawHeading = false;
  const parser = new Parser(
    {
      onopentag(name) {
        if (name === "title") inTitle = true;
        if (SKIPPED.has(name)) skipping++;
        if (skipping) return;
        const level = /^h([1-6])$/.exec(name)?.[1];
        if (level) {
          out.push(`\n\n${"#".repeat(Number(level))} `);
          sawHeading = true;
        } else if (name === "li") out.push("\n- ");
        else if (name === "td" || name === "th") out.push(" | ");
        else if (BLOCKS.has(name)) out.push("\n\n");
      },
      ontext(text) {
        if (inTitle) title += text;
        if (!skipping) out.push(text.replace(/\s+/g, " "));
      },
      onclosetag(name) {
        if (name === "title") inTitle = false;
        if (SKIPPED.has(name)) skipping = Math.max(0, skipping - 1);
        if (!skipping && (/^h[1-6]$/.test(name) || BLOCKS.has(name))) out.push("\n\n");
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  const body = normalise(out.join("").split("\n").map((line) => line.trim()).join("\n"));
  return !sawHeading && title.trim() ? `# ${title.trim()}\n\n${body}` : body;
}

function normalise(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(/[ \t\f\v\u00a0]+/g, " ").replace(/ *\n */g, "\n").replace(/\n{3,}/g, "\n\n").trim();
}
