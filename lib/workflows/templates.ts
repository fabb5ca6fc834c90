import type { WorkflowGraph } from "@/lib/schemas/workflow";

export type WorkflowTemplate = { id: string; name: string; description: string; graph: WorkflowGraph };

const at = (x: number, y: number) => ({ x, y });

/**
 * The model providers a template's agents use: creating it asks for a credential when there are
 * any (applyTemplateCredential puts it in every agent node).
 */
export function templateModelProviders(template: WorkflowTemplate): string[] {
  return [...new Set(template.graph.nodes.filter((node) => node.type === "ai.agent").map((node) => String((node.data.config as { provider?: unknown } | undefined)?.provider ?? "")))].filter(Boolean);
}

/** Starting points offered in the workflow list (those with agents ask for a model credential). */
export const WORKFLOW_TEMPLATES: WorkflowTemplate[] = [
  {
    id: "support-triage",
    name: "Support triage",
    description: "An agent classifies a ticket; a router sends it to billing, engineering or support.",
    graph: {
      nodes: [
        { id: "ticket", type: "trigger.manual", position: at(0, 120), data: { label: "Ticket", config: { fields: [{ name: "text", type: "string", required: true }] } } },
        { id: "classify", type: "ai.agent", position: at(260, 120), data: { label: "Classify", config: { provider: "openai", model: "gpt-4o-mini", system: "Answer with one word: billing, bug or other.", prompt: "{{ input.text }}", temperature: 0, maxTokens: 5 } } },
        { id: "route", type: "logic.router", position: at(520, 120), data: { label: "Route", config: { routes: [{ handle: "billing", label: "Billing", left: "{{ nodes.classify.output.text }}", operator: "contains", right: "billing" }, { handle: "bug", label: "Bug", left: "{{ nodes.classify.output.text }}", operator: "contains", right: "bug" }] } } },
        { id: "billing", type: "data.transform", position: at(800, 0), data: { label: "To billing", config: { mode: "fields", fields: { team: "billing", ticket: "{{ input.text }}" } } } },
        { id: "engineering", type: "data.transform", position: at(800, 120), data: { label: "To engineering", config: { mode: "fields", fields: { team: "engineering", ticket: "{{ input.text }}" } } } },
        { id: "support", type: "data.transform", position: at(800, 240), data: { label: "To support", config: { mode: "fields", fields: { team: "support", ticket: "{{ input.text }}" } } } },
      ],
      edges: [
        { id: "e1", source: "ticket", target: "classify" },
        { id: "e2", source: "classify", target: "route" },
        { id: "e3", source: "route", target: "billing", sourceHandle: "billing" },
        { id: "e4", source: "route", target: "engineering", sourceHandle: "bug" },
        { id: "e5", source: "route", target: "support", sourceHandle: "default" },
      ],
    },
  },
  {
    id: "research-agent",
    name: "Research agent with tools",
    description: "An agent that looks things up over HTTP and computes with code until it can answer, then returns a structured report.",
    graph: {
      nodes: [
        { id: "start", type: "trigger.manual", position: at(0, 0), data: { label: "Question", config: { fields: [{ name: "question", type: "string", required: true }] } } },
        {
          id: "research",
          type: "ai.agent",
          position: at(260, 0),
          data: {
            label: "Research",
            config: {
              provider: "openai",
              model: "gpt-4o-mini",
              system: "You are a careful researcher. Look facts up with http_request (public JSON APIs such as https://en.wikipedia.org/api/rest_v1/page/summary/<title>), compute with run_code, and cite the URLs you used.",
              prompt: "{{ input.question }}",
              temperature: 0.2,
              maxTokens: 1500,
              maxSteps: 8,
              tools: [{ type: "http", methods: ["GET"] }, { type: "code" }],
              budget: { maxTokens: 60000 },
              outputSchema: { type: "object", properties: { answer: { type: "string" }, sources: { type: "array", items: { type: "string" } } }, required: ["answer", "sources"], additionalProperties: false },
            },
          },
        },
        { id: "out", type: "flow.output", position: at(520, 0), data: { label: "Report", config: { name: "report", value: "{{ nodes.research.output }}" } } },
      ],
      edges: [
        { id: "e1", source: "start", target: "research" },
        { id: "e2", source: "research", target: "out" },
      ],
    },
  },
  {
    id: "research-summarise",
    name: "Research and summarise",
    description: "Fetch a page over HTTP and have an agent summarise it in five bullet points.",
    graph: {
      nodes: [
        { id: "start", type: "trigger.manual", position: at(0, 0), data: { label: "URL", config: { fields: [{ name: "url", type: "string", required: true }] } } },
        { id: "fetch", type: "integration.http", position: at(260, 0), data: { label: "Fetch page", config: { method: "GET", url: "{{ input.url }}", parseJson: false } } },
        { id: "summarise", type: "ai.agent", position: at(520, 0), data: { label: "Summarise", config: { provider: "anthropic", model: "claude-sonnet-4-20250514", system: "You summarise web pages in five bullet points.", prompt: "{{ nodes.fetch.output.body }}", maxTokens: 600 } } },
        { id: "out", type: "flow.output", position: at(780, 0), data: { label: "Summary", config: { name: "summary", value: "{{ nodes.summarise.output.text }}" } } },
      ],
      edges: [
        { id: "e1", source: "start", target: "fetch" },
        { id: "e2", source: "fetch", target: "summarise" },
        { id: "e3", source: "summarise", target: "out" },
      ],
    },
  },
  {
    id: "document-qa",
    name: "Document Q&A over HTTP",
    description: "Answer a question from a document fetched over HTTP — no vector store needed.",
    graph: {
      nodes: [
        { id: "start", type: "trigger.manual", position: at(0, 0), data: { label: "Question", config: { fields: [{ name: "documentUrl", type: "string", required: true }, { name: "question", type: "string", required: true }] } } },
        { id: "document", type: "integration.http", position: at(260, 0), data: { label: "Fetch document", config: { method: "GET", url: "{{ input.documentUrl }}", parseJson: false } } },
        { id: "answer", type: "ai.agent", position: at(520, 0), data: { label: "Answer", config: { provider: "openai", model: "gpt-4o-mini", system: "Answer only from the document. Say so when it does not contain the answer.", prompt: "Document:\n{{ nodes.document.output.body }}\n\nQuestion: {{ input.question }}", temperature: 0, maxTokens: 500 } } },
        { id: "out", type: "flow.output", position: at(780, 0), data: { label: "Answer", config: { name: "answer", value: "{{ nodes.answer.output.text }}" } } },
      ],
      edges: [
        { id: "e1", source: "start", target: "document" },
        { id: "e2", source: "document", target: "answer" },
        { id: "e3", source: "answer", target: "out" },
      ],
    },
  },
  {
    id: "answer-from-documents",
    name: "Answer from your documents",
    description: "Knowledge search finds the passages that answer a question; an agent answers from them and cites its sources. Choose your knowledge base in the search node.",
    graph: {
      nodes: [
        { id: "start", type: "trigger.manual", position: at(0, 0), data: { label: "Question", config: { fields: [{ name: "question", type: "string", required: true }] } } },
        // The placeholder id fails the run with "Knowledge base not found" until one is chosen.
        { id: "search", type: "ai.knowledge_search", position: at(260, 0), data: { label: "Search documents", config: { knowledgeBaseId: "choose-a-knowledge-base", query: "{{ input.question }}", topK: 5 } } },
        {
          id: "answer",
          type: "ai.agent",
          position: at(520, 0),
          data: {
            label: "Answer with citations",
            config: {
              provider: "openai",
              model: "gpt-4o-mini",
              system: "Answer only from the numbered sources. After each claim, cite its source as [n]. If the sources do not answer the question, say so.",
              prompt: "Question: {{ input.question }}\n\nSources:\n{{ nodes.search.output.context }}",
              temperature: 0.1,
              maxTokens: 800,
            },
          },
        },
        { id: "out", type: "flow.output", position: at(780, 0), data: { label: "Answer", config: { name: "answer", value: "{{ nodes.answer.output.text }}" } } },
      ],
      edges: [
        { id: "e1", source: "start", target: "search" },
        { id: "e2", source: "search", target: "answer" },
        { id: "e3", source: "answer", target: "out" },
      ],
    },
  },
  {
    id: "approved-email",
    name: "Approval-gated email draft",
    description: "An agent drafts a reply; a person approves it before it is sent to your mail webhook.",
    graph: {
      nodes: [
        { id: "start", type: "trigger.manual", position: at(0, 80), data: { label: "Request", config: { fields: [{ name: "customer", type: "string", required: true }, { name: "topic", type: "string", required: true }] } } },
        { id: "draft", type: "ai.agent", position: at(260, 80), data: { label: "Draft email", config: { provider: "anthropic", model: "claude-sonnet-4-20250514", system: "You write short, friendly customer emails.", prompt: "Write to {{ input.customer }} about {{ input.topic }}.", maxTokens: 400 } } },
        { id: "review", type: "human.approval", position: at(520, 80), data: { label: "Review", config: { message: "Send this email?", timeoutHours: 24 } } },
        { id: "send", type: "integration.http", position: at(780, 0), data: { label: "Send", config: { method: "POST", url: "https://mail.example.com/send", body: "{\"to\": \"{{ input.customer }}\", \"text\": \"{{ nodes.draft.output.text }}\"}" } } },
        { id: "held", type: "flow.output", position: at(780, 160), data: { label: "Held", config: { name: "status", value: "held for edits" } } },
      ],
      edges: [
        { id: "e1", source: "start", target: "draft" },
        { id: "e2", source: "draft", target: "review" },
        { id: "e3", source: "review", target: "send", sourceHandle: "approved" },
        { id: "e4", source: "review", target: "held", sourceHandle: "rejected" },
      ],
    },
  },
];
