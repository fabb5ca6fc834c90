"use client";

import { useCallback, useEffect, useState } from "react";
import { toast } from "sonner";
import { FileText, Upload } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { apiRequest } from "@/lib/ui/api-request";

type DocumentRow = { id: string; name: string; sourceType: string; mimeType: string; status: "queued" | "processing" | "ready" | "failed"; stage: string | null; progress: number; error: string | null; chunkCount: number; embeddedCount: number };
type Chunk = { id: string; position: number; heading: string; content: string; tokenCount: number; embedded: boolean };
type Hit = { chunkId: string; documentName: string; position: number; heading: string; content: string; score: number; fulltextRank: number | null; vectorRank: number | null };

const STATUS_TONE = { queued: "neutral", processing: "info", ready: "success", failed: "danger" } as const;

/** Upload with progress (fetch cannot report upload progress; XMLHttpRequest can). */
function uploadFile(url: string, file: File, onProgress: (fraction: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onload = () => {
      if (request.status < 300) return resolve();
      let detail = `Upload failed (${request.status}).`;
      try {
        detail = JSON.parse(request.responseText).detail ?? detail;
      } catch {
        // keep the status
      }
      reject(new Error(detail));
    };
    request.onerror = () => reject(new Error("Upload failed (network)."));
    const form = new FormData();
    form.set("file", file);
    request.send(form);
  });
}

export function KnowledgeBaseDetail({ knowledgeBaseId, canManage, initialDocuments }: { knowledgeBaseId: string; canManage: boolean; initialDocuments: DocumentRow[] }) {
  const base = `/api/v1/knowledge-bases/${knowledgeBaseId}`;
  const [documents, setDocuments] = useState(initialDocuments);
  const [uploads, setUploads] = useState<Record<string, number>>({});
  const [dragging, setDragging] = useState(false);
  const [url, setUrl] = useState("");
  const [query, setQuery] = useState("");
  const [hits, setHits] = useState<{ mode: string; results: Hit[] } | null>(null);
  const [chunks, setChunks] = useState<{ documentId: string; items: Chunk[] } | null>(null);

  const refresh = useCallback(async () => setDocuments((await apiRequest<{ items: DocumentRow[] }>("GET", `${base}/documents`)).items), [base]);
  const busy = documents.some((document) => document.status === "queued" || document.status === "processing");
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => void refresh().catch(() => undefined), 1500);
    return () => clearInterval(timer);
  }, [busy, refresh]);

  async function addFiles(files: FileList | File[]) {
    for (const file of Array.from(files)) {
      setUploads((current) => ({ ...current, [file.name]: 0 }));
      try {
        await uploadFile(`${base}/documents`, file, (fraction) => setUploads((current) => ({ ...current, [file.name]: fraction })));
      } catch (error) {
        toast.error(`${file.name}: ${(error as Error).message}`);
      } finally {
        setUploads((current) => Object.fromEntries(Object.entries(current).filter(([name]) => name !== file.name)));
      }
    }
    await refresh();
  }

  async function act(action: () => Promise<unknown>, success?: string) {
    try {
      await action();
      if (success) toast.success(success);
      await refresh();
    } catch (error) {
      toast.error((error as Error).message);
    }
  }

  async function search(event: React.FormEvent) {
    event.preventDefault();
    try {
      setHits(await apiRequest("POST", `${base}/search`, { query, topK: 8 }));
    } catch (error) {
      toast.error((error as Error).message);
    }
  }

  return (
    <div className="grid gap-6">
      {canManage ? (
        <Card>
          <CardTitle>Add documents</CardTitle>
          <label
            data-testid="knowledge-dropzone"
            onDragOver={(event) => {
              event.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={(event) => {
              event.preventDefault();
              setDragging(false);
              void addFiles(event.dataTransfer.files);
            }}
            className={`mt-3 flex cursor-pointer flex-col items-center gap-2 rounded-xl border-2 border-dashed px-6 py-8 text-sm ${dragging ? "border-brand-500 bg-brand-50" : "border-slate-300 text-slate-600"}`}
          >
            <Upload aria-hidden className="size-6" />
            Drop files here or choose them — txt, md, html, pdf, docx, up to 20 MB each
            <input type="file" multiple className="sr-only" accept=".txt,.md,.markdown,.html,.htm,.pdf,.docx" onChange={(event) => event.target.files && void addFiles(event.target.files)} />
          </label>
          {Object.entries(uploads).map(([name, fraction]) => (
            <p key={name} className="mt-2 text-xs text-slate-600">Uploading {name}: {Math.round(fraction * 100)} %</p>
          ))}
          <form
            className="mt-3 flex gap-2"
            onSubmit={(event) => {
              event.preventDefault();
              void act(() => apiRequest("POST", `${base}/documents`, { url }), "Import queued.").then(() => setUrl(""));
            }}
          >
            <Input aria-label="Web page URL" placeholder="https://example.com/page" value={url} onChange={(event) => setUrl(event.target.value)} />
            <Button type="submit" variant="secondary" disabled={!url.trim()}>Import URL</Button>
          </form>
        </Card>
      ) : null}

      <Card>
        <CardTitle>Try a query</CardTitle>
        <form className="mt-3 flex gap-2" onSubmit={search}>
          <Input aria-label="Query" placeholder="Ask something the documents answer" value={query} onChange={(event) => setQuery(event.target.value)} />
          <Button type="submit" disabled={!query.trim()}>Search</Button>
        </form>
        {hits ? (
          <ol className="mt-4 grid gap-3" data-testid="knowledge-results">
            {hits.results.length === 0 ? <li className="text-sm text-slate-500">No passage matches.</li> : null}
            {hits.results.map((hit, index) => (
              <li key={hit.chunkId} className="rounded-lg border border-slate-200 p-3 text-sm">
                <p className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
                  <span className="font-semibold text-slate-900">[{index + 1}] {hit.documentName}</span> passage {hit.position + 1}
                  {hit.heading ? <span>· {hit.heading}</span> : null}
                  <Badge tone="info">score {hit.score.toFixed(3)}</Badge>
                  <span>{hits.mode}{hit.fulltextRank ? ` · text #${hit.fulltextRank}` : ""}{hit.vectorRank ? ` · vector #${hit.vectorRank}` : ""}</span>
                </p>
                <p className="mt-1 whitespace-pre-wrap text-slate-700">{hit.content}</p>
              </li>
            ))}
          </ol>
        ) : null}
      </Card>

      <Card>
        <CardTitle>Documents</CardTitle>
        {documents.length === 0 ? (
          <div className="mt-3"><EmptyState icon={FileText} title="No documents yet">Add files, a URL or text above.</EmptyState></div>
        ) : (
          <table className="mt-3 w-full text-left text-sm" data-testid="knowledge-documents">
            <thead className="text-xs uppercase text-slate-500">
              <tr><th className="py-2">Name</th><th>Status</th><th>Passages</th><th /></tr>
            </thead>
            <tbody>
              {documents.map((document) => (
                <tr key={document.id} className="border-t border-slate-100 align-top">
                  <td className="py-2">
                    <button type="button" className="text-left font-medium text-slate-900 hover:underline" onClick={() => void apiRequest<{ items: Chunk[] }>("GET", `${base}/documents/${document.id}/chunks?limit=200`).then((result) => setChunks({ documentId: document.id, items: result.items }))}>
                      {document.name}
                    </button>
                    {document.error ? <p className="text-xs text-rose-700">{document.error}</p> : null}
                  </td>
                  <td>
                    <Badge tone={STATUS_TONE[document.status]}>{document.status}{document.status === "processing" ? ` ${Math.round(document.progress * 100)} %` : ""}</Badge>
                  </td>
                  <td>{document.chunkCount}{document.embeddedCount ? ` (${document.embeddedCount} embedded)` : ""}</td>
                  <td className="space-x-2 text-right">
                    {canManage ? (
                      <>
                        <Button size="sm" variant="secondary" onClick={() => void act(() => apiRequest("POST", `${base}/documents/${document.id}/reingest`), "Re-ingesting.")}>Re-ingest</Button>
                        <Button size="sm" variant="secondary" onClick={() => void act(() => apiRequest("DELETE", `${base}/documents/${document.id}`), "Deleted.")}>Delete</Button>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {chunks ? (
          <div className="mt-4 grid gap-2" data-testid="knowledge-chunks">
            <p className="text-xs text-slate-500">{chunks.items.length} passages of {documents.find((document) => document.id === chunks.documentId)?.name}</p>
            {chunks.items.map((chunk) => (
              <div key={chunk.id} className="rounded border border-slate-200 p-2 text-xs">
                <p className="text-slate-500">#{chunk.position + 1}{chunk.heading ? ` · ${chunk.heading}` : ""} · {chunk.tokenCount} tokens{chunk.embedded ? " · embedded" : ""}</p>
                <p className="mt-1 whitespace-pre-wrap text-slate-700">{chunk.content}</p>
              </div>
            ))}
          </div>
        ) : null}
      </Card>
    </div>
  );
}
