import { json, route } from "@/lib/http/route";
import { createKnowledgeBase } from "@/lib/knowledge/create-knowledge-base";
import { listKnowledgeBases } from "@/lib/knowledge/list-knowledge-bases";
import { createKnowledgeBaseSchema } from "@/lib/schemas/knowledge";

// Viewers see knowledge bases (and search them); editors create and manage them.
export const GET = route({ auth: { role: "viewer" } }, async ({ actor }) => json({ items: await listKnowledgeBases(actor) }));

export const POST = route({ auth: { role: "editor" }, body: createKnowledgeBaseSchema }, async ({ actor, body }) => json(await createKnowledgeBase(actor, body), { status: 201 }));
