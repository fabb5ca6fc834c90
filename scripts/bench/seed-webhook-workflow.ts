// Seeds a workspace with a published webhook workflow on DATABASE_URL and prints
// `{ triggerId, secret, apiKey }` as JSON: used by the webhook benchmark to set up each server.
import { gedge, ggraph, gnode } from "../testing/workflow-fixtures";

const transforms = Number(process.argv[2] ?? 0);
// "durable": a 0 s Delay before the output, so the run takes the durable path (checkpointed steps)
// instead of running whole in memory as a pure workflow does.
const durable = process.argv[3] === "durable";
const { getDb } = await import("@/lib/db");
const { workspaceActor } = await import("@/lib/auth/workspace-actor");
const { createWorkflow } = await import("@/lib/workflows/create-workflow");
const { publishWorkflow } = await import("@/lib/workflows/publish-workflow");
const { listTriggers } = await import("@/lib/triggers/list-triggers");
const { createApiKey } = await import("@/lib/api-keys/create-api-key");

const db = getDb();
const workspace = await db.workspace.create({ data: { name: `Bench ${Date.now()}` } });
const actor = workspaceActor(workspace.id, "owner");
const steps = Array.from({ length: transforms }, (_, index) => gnode(`t${index}`, "data.transform", { mode: "fields", fields: { n: "{{ input.body.n }}" } }));
if (durable) steps.push(gnode("pause", "flow.delay", { seconds: 0 }));
const chain = ["hook", ...steps.map((step) => step.id), "out"];
const graph = ggraph(
  [gnode("hook", "trigger.webhook"), ...steps, gnode("out", "flow.output", { name: "echo", value: "{{ input.body.n }}" })],
  chain.slice(1).map((id, index) => gedge(chain[index]!, id)),
);
const workflow = await createWorkflow(actor, { name: `Webhook bench (${transforms} transforms${durable ? ", durable" : ""})`, description: "", graph });
await publishWorkflow(actor, { workflowId: workflow.id });
const webhook = (await listTriggers(actor, { workflowId: workflow.id, baseUrl: "http://localhost" })).find((trigger) => trigger.type === "webhook");
if (!webhook || webhook.type !== "webhook") throw new Error("publishing did not create the webhook trigger");
// A viewer key: the benchmark reads the runs' event streams with it.
const { key: apiKey } = await createApiKey(actor, { name: "bench", role: "viewer" });
console.log(JSON.stringify({ triggerId: webhook.id, secret: webhook.secret, apiKey }));
await db.$disconnect();
process.exit(0);
