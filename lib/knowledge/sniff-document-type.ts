import { AppError } from "@/lib/errors/app-error";

export const DOCUMENT_TYPES = {
  txt: "text/plain",
  md: "text/markdown",
  html: "text/html",
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
} as const;
export type DocumentMimeType = (typeof DOCUMENT_TYPES)[keyof typeof DOCUMENT_TYPES];

const MARKDOWN_EXTENSIONS = /\.(md|markdown|mdx)$/i;
const HTML_EXTENSIONS = /\.(html?|xhtml)$/i;

/**
 * What a file really is, from its bytes (the name and declared type only choose between text
 * flavours): PDF by its header, DOCX by the ZIP entry Word writes, HTML by its markup, and text
 * when it is valid UTF-8. Anything else is refused with a 415 naming the problem.
 */
export function sniffDocumentType(bytes: Uint8Array, { name = "", declaredType = "" }: { name?: string; declaredType?: string } = {}): DocumentMimeType {
  if (bytes.length === 0) throw new AppError("bad_request", `${label(name)} is empty.`);
  const head = Buffer.from(bytes.subarray(0, 1024));
  if (head.subarray(0, 5).toString("latin1") === "%PDF-") return DOCUMENT_TYPES.pdf;
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    // A ZIP: Word documents name word/document.xml in their central directory.
    if (Buffer.from(bytes).includes("word/document.xml")) return DOCUMENT_TYPES.docx;
    throw new AppError("unsupported_media_type", `${label(name)} is a ZIP archive but not a Word document (.docx); supported: txt, md, html, pdf, docx.`);
  }
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    throw new AppError("unsupported_media_type", `${label(name)} is an old binary Office file (.doc); save it as .docx or PDF.`);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, Math.min(bytes.length, 64 * 1024 + 3)).length === bytes.length ? bytes : trimToCharBoundary(bytes.subarray(0, 64 * 1024)));
  } catch {
    throw new AppError("unsupported_media_type", `${label(name)} is neither text (UTF-8) nor a PDF or Word document; supported: txt, md, html, pdf, docx.`);
  }
  if (/\u0000/.test(text)) throw new AppError("unsupported_media_type", `${label(name)} looks binary (it contains NUL bytes); supported: txt, md, html, pdf, docx.`);
  const start = text.trimStart().slice(0, 200).toLowerCase();
  if (HTML_EXTENSIONS.test(name) || /html/.test(declaredType) || start.startsWith("<!doctype html") || start.startsWith("<html")) return DOCUMENT_TYPES.html;
  if (MARKDOWN_EXTENSIONS.test(name) || /markdown/.test(declaredType)) return DOCUMENT_TYPES.md;
  return DOCUMENT_TYPES.txt;
}

/** The first 64 KiB, cut before a UTF-8 sequence that the cut would split. */
function trimToCharBoundary(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = bytes[end - back]!;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    if (need > back) end -= back;
    break;
  }
  return bytes.subarray(0, end);
}

function label(name: string): string {
  return name ? `"${name.slice(0, 120)}"` : "The file";
}
