// Seeds a workspace with a published workflow of 5 HTTP steps (to the URL given) and an API key
// on DATABASE_URL; prints `{ workflowId, apiKey }` as JSON for the live-stream benchmark.
import { gedge, ggraph, gnode } from "../testing/workflow-fixtures";

const url = process.argv[2]!;
const { getDb } = await import("@/lib/db");
const { workspaceActor } = await import("@/lib/auth/workspace-actor");
const { createWorkflow } = await import("@/lib/workflows/create-workflow");
const { publishWorkflow } = await import("@/lib/workflows/publish-workflow");
const { createApiKey } = await import("@/lib/api-keys/create-api-key");

const db = getDb();
const user = await db.user.create({ data: { email: `bench-${Date.now()}@example.test` } });
const workspace = await db.workspace.create({ data: { name: `Bench ${Date.now()}`, memberships: { create: { userId: user.id, role: "owner" } } } });
const actor = { ...workspaceActor(workspace.id, "owner"), userId: user.id };
const steps = Array.from({ length: 5 }, (_, index) => gnode(`call${index}`, "integration.http", { method: "GET", url: `${url}/step/${index}` }));
const chain = ["start", ...steps.map((step) => step.id)];
const graph = ggraph([gnode("start", "trigger.manual"), ...steps], chain.slice(1).map((id, index) => gedge(chain[index]!, id)));
const workflow = await createWorkflow(actor, { name: "Live stream bench", description: "", graph });
await publishWorkflow(actor, { workflowId: workflow.id });
const { key } = await createApiKey(actor, { name: "bench", role: "editor" });
console.log(JSON.stringify({ workflowId: workflow.id, apiKey: key }));
await db.$disconnect();
process.exit(0);
