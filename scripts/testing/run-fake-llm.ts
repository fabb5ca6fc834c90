// The fake LLM server as a process for e2e (Anthropic + OpenAI wire formats, streaming).
import { startFakeLlmServer } from "./fake-llm-server";

const port = Number(process.env.FAKE_LLM_PORT ?? 2530);
const server = await startFakeLlmServer({ reply: (prompt) => `Streaming answer about ${prompt}`, port });
console.log(`[fake-llm] listening on ${server.url}`);
