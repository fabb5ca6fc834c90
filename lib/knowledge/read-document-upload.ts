import { AppError } from "@/lib/errors/app-error";
import { readBodyBytes } from "@/lib/http/route";
import type { NewKnowledgeDocument } from "@/lib/knowledge/add-knowledge-document";
import { KNOWLEDGE_MAX_FILE_BYTES } from "@/lib/schemas/knowledge";
import { isStorableText } from "@/lib/storage/storable-text";

/** Room for the multipart envelope and the other fields around a 20 MB file. */
const MULTIPART_OVERHEAD = 256 * 1024;

/**
 * A file upload as sent: multipart/form-data with a `file`, an optional `name` and optional
 * `metadata` (a JSON object as text). Problems are 4xx naming them (the file's own checks are
 * addKnowledgeDocument's).
 */
export async function readDocumentUpload(request: Request): Promise<NewKnowledgeDocument> {
  let bytes: Buffer;
  try {
    bytes = await readBodyBytes(request, KNOWLEDGE_MAX_FILE_BYTES + MULTIPART_OVERHEAD);
  } catch (error) {
    if (error instanceof AppError && error.code === "payload_too_large") throw new AppError("payload_too_large", "Files may be at most 20 MB.");
    throw error;
  }
  let form: FormData;
  try {
    form = await new Request("http://upload.local/", { method: "POST", headers: { "content-type": request.headers.get("content-type") ?? "" }, body: new Uint8Array(bytes) }).formData();
  } catch {
    throw new AppError("bad_request", "The multipart body could not be read.");
  }
  const file = form.get("file");
  if (!file || typeof file === "string") throw new AppError("bad_request", "Send the document as a form field named file.", { errors: [{ path: "body.file", message: "Required (a file)." }] });
  const givenName = form.get("name");
  const name = ((typeof givenName === "string" && givenName.trim()) || file.name || "Upload").slice(0, 300);
  if (!isStorableText(name)) throw new AppError("bad_request", "The file name contains characters that cannot be stored.", { errors: [{ path: "body.name", message: "Contains U+0000 (NUL) or a lone surrogate." }] });
  return { kind: "file", name, bytes: new Uint8Array(await file.arrayBuffer()), declaredType: file.type, metadata: parseMetadata(form.get("metadata")) };
}

function parseMetadata(value: FormDataEntryValue | null): Record<string, unknown> {
  if (value === null || value === "") return {};
  try {
    const parsed = JSON.parse(String(value));
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed) && isStorableText(String(value))) return parsed as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new AppError("bad_request", "metadata must be a JSON object.", { errors: [{ path: "body.metadata", message: 'A JSON object, e.g. {"team":"sales"}.' }] });
}
