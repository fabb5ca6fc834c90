// A local stand-in for the Anthropic Messages and OpenAI Chat Completions APIs, streaming
// included, so the real SDKs are exercised without the internet. It answers every prompt with
// `reply(prompt)` split into word deltas, lists models (what credential tests call), and records
// the requests it got. Keys: Anthropic `sk-ant-test`, OpenAI `sk-openai-test` (or `not-needed`,
// as the adapters send without a key); any other key gets the provider's 401.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type FakeLlmRequest = { api: "anthropic" | "openai"; path: string; headers: http.IncomingHttpHeaders; body: Record<string, unknown> };
/** One turn as the fake sees it, whichever wire format it came in. */
export type FakeTurnRequest = { api: "anthropic" | "openai"; body: Record<string, unknown>; prompt: string; tools: string[]; toolResults: { callId: string; content: string; isError: boolean }[]; turn: number };
/** `arguments` as an object, or as raw text (to send malformed JSON). */
export type FakeTurnAnswer = { text?: string; toolCalls?: { id?: string; name: string; arguments: string | Record<string, unknown> }[] };

export async function startFakeLlmServer(options: { reply?: (prompt: string) => string; respond?: (request: FakeTurnRequest) => FakeTurnAnswer; inputTokens?: number; port?: number; embeddingDimensions?: number; embeddingDelayMs?: number } = {}) {
  const reply = options.reply ?? ((prompt: string) => `You said: ${prompt}`);
  let callSeq = 0;
  const requests: FakeLlmRequest[] = [];
  const server = http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
    const path = new URL(request.url ?? "/", "http://fake").pathname;
    const messages = (body.messages ?? []) as { role: string; content: unknown }[];
    const api = path.endsWith("/messages") ? "anthropic" : "openai";
    const prompt = messages.filter((message) => message.role === "user").map((message) => textOf(message.content)).filter(Boolean).join("\n");
    const turn = readTurn(api, body, prompt);
    const answer = options.respond ? options.respond(turn) : turn.tools.length ? scriptedByPrompt(turn) : { text: reply(prompt) };
    const text = answer.text ?? "";
    const toolCalls = (answer.toolCalls ?? []).map((call) => ({ id: call.id ?? `${api === "anthropic" ? "toolu" : "call"}_${++callSeq}`, name: call.name, json: typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments) }));
    const deltas = text ? (text.match(/\S+\s*/g) ?? [text]) : toolCalls.length ? [] : [""];
    const inputTokens = options.inputTokens ?? prompt.split(/\s+/).length + 3;
    const outputTokens = deltas.length + toolCalls.length * 5;

    if (path.endsWith("/messages")) {
      requests.push({ api: "anthropic", path, headers: request.headers, body });
      // The SDK sends the key as x-api-key (0.x) or as a bearer token (1.x); accept both.
      const anthropicKey = request.headers["x-api-key"] ?? request.headers.authorization?.replace(/^Bearer /, "");
      if (anthropicKey !== "sk-ant-test") return error(response, 401, { type: "error", error: { type: "authentication_error", message: "invalid x-api-key" } });
      const id = "msg_fake";
      const stopReason = toolCalls.length ? "tool_use" : "end_turn";
      if (!body.stream) {
        const content = [...(text || !toolCalls.length ? [{ type: "text", text }] : []), ...toolCalls.map((call) => ({ type: "tool_use", id: call.id, name: call.name, input: JSON.parse(call.json) }))];
        return json(response, { id, type: "message", role: "assistant", model: body.model, content, stop_reason: stopReason, usage: { input_tokens: inputTokens, output_tokens: outputTokens } });
      }
      response.writeHead(200, { "content-type": "text/event-stream" });
      const send = (event: string, data: unknown) => response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      send("message_start", { type: "message_start", message: { id, type: "message", role: "assistant", model: body.model, content: [], stop_reason: null, usage: { input_tokens: inputTokens, output_tokens: 0 } } });
      let index = 0;
      if (deltas.length) {
        send("content_block_start", { type: "content_block_start", index, content_block: { type: "text", text: "" } });
        for (const delta of deltas) send("content_block_delta", { type: "content_block_delta", index, delta: { type: "text_delta", text: delta } });
        send("content_block_stop", { type: "content_block_stop", index: index++ });
      }
      // Tool use: the block starts with empty input, the arguments follow as JSON text in pieces.
      for (const call of toolCalls) {
        send("content_block_start", { type: "content_block_start", index, content_block: { type: "tool_use", id: call.id, name: call.name, input: {} } });
        for (const piece of halves(call.json)) send("content_block_delta", { type: "content_block_delta", index, delta: { type: "input_json_delta", partial_json: piece } });
        send("content_block_stop", { type: "content_block_stop", index: index++ });
      }
      send("message_delta", { type: "message_delta", delta: { stop_reason: stopReason }, usage: { output_tokens: outputTokens } });
      send("message_stop", { type: "message_stop" });
      return response.end();
    }

    if (path === "/health") return json(response, { status: "ok" });
    // Embeddings (knowledge bases): deterministic vectors, see fakeEmbedding.
    if (path.endsWith("/embeddings") && request.method === "POST") {
      requests.push({ api: "openai", path, headers: request.headers, body });
      if (request.headers.authorization !== "Bearer sk-openai-test" && request.headers.authorization !== "Bearer not-needed") {
        return error(response, 401, { error: { message: "Incorrect API key provided", type: "invalid_request_error" } });
      }
      if (options.embeddingDelayMs) await new Promise((resolve) => setTimeout(resolve, options.embeddingDelayMs));
      const inputs: string[] = (Array.isArray(body.input) ? body.input : [body.input]).map(String);
      const dimensions = Number(body.dimensions) || options.embeddingDimensions || 64;
      const data = inputs.map((input, index) => ({ object: "embedding", index, embedding: fakeEmbedding(input, dimensions) }));
      const tokens = inputs.reduce((sum, input) => sum + input.split(/\s+/).length, 0);
      return json(response, { object: "list", data, model: body.model, usage: { prompt_tokens: tokens, total_tokens: tokens } });
    }
    // Model lists (what a credential test calls): the same keys as the chat endpoints. The
    // Anthropic SDK sends an anthropic-version header; the OpenAI SDK does not.
    if (path === "/v1/models" && request.method === "GET") {
      if (request.headers["anthropic-version"]) {
        requests.push({ api: "anthropic", path, headers: request.headers, body });
        const anthropicKey = request.headers["x-api-key"] ?? request.headers.authorization?.replace(/^Bearer /, "");
        if (anthropicKey !== "sk-ant-test") return error(response, 401, { type: "error", error: { type: "authentication_error", message: "invalid x-api-key" } });
        const data = ["claude-sonnet-4-20250514", "claude-3-5-haiku-20241022"].map((id) => ({ type: "model", id, display_name: id, created_at: "2025-01-01T00:00:00Z" }));
        return json(response, { data, has_more: false, first_id: data[0]!.id, last_id: data.at(-1)!.id });
      }
      requests.push({ api: "openai", path, headers: request.headers, body });
      if (request.headers.authorization !== "Bearer sk-openai-test" && request.headers.authorization !== "Bearer not-needed") {
        return error(response, 401, { error: { message: "Incorrect API key provided", type: "invalid_request_error" } });
      }
      return json(response, { object: "list", data: ["gpt-4o-mini", "gpt-4o"].map((id) => ({ id, object: "model", created: 1, owned_by: "fake" })) });
    }
    if (path.endsWith("/chat/completions")) {
      requests.push({ api: "openai", path, headers: request.headers, body });
      if (request.headers.authorization !== "Bearer sk-openai-test" && request.headers.authorization !== "Bearer not-needed") {
        return error(response, 401, { error: { message: "Incorrect API key provided", type: "invalid_request_error" } });
      }
      const base = { id: "chatcmpl-fake", object: "chat.completion.chunk", created: 1, model: body.model };
      const usage = { prompt_tokens: inputTokens, completion_tokens: outputTokens, total_tokens: inputTokens + outputTokens };
      const finishReason = toolCalls.length ? "tool_calls" : "stop";
      const wireCalls = toolCalls.map((call) => ({ id: call.id, type: "function", function: { name: call.name, arguments: call.json } }));
      if (!body.stream) {
        return json(response, { ...base, object: "chat.completion", choices: [{ index: 0, message: { role: "assistant", content: text || (toolCalls.length ? null : ""), ...(toolCalls.length ? { tool_calls: wireCalls } : {}) }, finish_reason: finishReason }], usage });
      }
      response.writeHead(200, { "content-type": "text/event-stream" });
      const send = (data: unknown) => response.write(`data: ${JSON.stringify(data)}\n\n`);
      // The first delta carries the role (the SDK's stream helper insists on it).
      send({ ...base, choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] });
      for (const delta of deltas) send({ ...base, choices: [{ index: 0, delta: { content: delta }, finish_reason: null }] });
      // Parallel calls are several indexes: id and name first, then the argument text in pieces.
      toolCalls.forEach((call, index) => {
        send({ ...base, choices: [{ index: 0, delta: { tool_calls: [{ index, id: call.id, type: "function", function: { name: call.name, arguments: "" } }] }, finish_reason: null }] });
        for (const piece of halves(call.json)) send({ ...base, choices: [{ index: 0, delta: { tool_calls: [{ index, function: { arguments: piece } }] }, finish_reason: null }] });
      });
      send({ ...base, choices: [{ index: 0, delta: {}, finish_reason: finishReason }] });
      if ((body.stream_options as { include_usage?: boolean } | undefined)?.include_usage) send({ ...base, choices: [], usage });
      response.write("data: [DONE]\n\n");
      return response.end();
    }
    error(response, 404, { error: { message: `no route ${path}` } });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    anthropicBaseUrl: url,
    openaiBaseUrl: `${url}/v1`,
    requests,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function json(response: http.ServerResponse, data: unknown) {
  response.writeHead(200, { "content-type": "application/json" });
  response.end(JSON.stringify(data));
}

function error(response: http.ServerResponse, status: number, data: unknown) {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(data));
}

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((block: { type?: string; text?: string }) => (block?.type === "text" ? (block.text ?? "").trim() : "")).filter(Boolean).join("\n");
  return "";
}

/** Tools offered, tool results sent back, and which turn this is — in either wire format. */
function readTurn(api: "anthropic" | "openai", body: Record<string, unknown>, prompt: string): FakeTurnRequest {
  const messages = (body.messages ?? []) as { role: string; content: unknown; tool_call_id?: string }[];
  const tools = ((body.tools ?? []) as { name?: string; function?: { name: string } }[]).map((tool) => tool.name ?? tool.function?.name ?? "");
  const toolResults =
    api === "anthropic"
      ? messages.flatMap((message) => (Array.isArray(message.content) ? (message.content as { type: string; tool_use_id: string; content: unknown; is_error?: boolean }[]) : []).filter((block) => block.type === "tool_result").map((block) => ({ callId: block.tool_use_id, content: typeof block.content === "string" ? block.content : JSON.stringify(block.content), isError: !!block.is_error })))
      : messages.filter((message) => message.role === "tool").map((message) => ({ callId: message.tool_call_id ?? "", content: String(message.content), isError: false }));
  return { api, body, prompt, tools, toolResults, turn: messages.filter((message) => message.role === "assistant").length };
}

/** The default when tools are offered: `CALL <tool> <json>` lines of the prompt on the first turn. */
function scriptedByPrompt(turn: FakeTurnRequest): FakeTurnAnswer {
  if (turn.turn === 0) {
    const toolCalls = [...turn.prompt.matchAll(/^CALL (\S+) (.+)$/gm)].map((match) => ({ name: match[1]!, arguments: match[2]! }));
    if (toolCalls.length) return { text: "Let me check.", toolCalls };
  }
  return { text: `Done: ${turn.toolResults.map((result) => result.content).join(" | ")}` };
}

/** Argument JSON in two pieces, as providers stream it. */
function halves(text: string): string[] {
  const middle = Math.ceil(text.length / 2);
  return text.length > 1 ? [text.slice(0, middle), text.slice(middle)] : [text];
}

/**
 * A deterministic embedding: words (lower-cased, a plural "s" dropped) and word pairs hashed into
 * `dimensions` buckets with a sign, L2-normalised — texts sharing words point the same way.
 */
export function fakeEmbedding(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const words = (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map((word) => (word.length > 3 && word.endsWith("s") ? word.slice(0, -1) : word));
  const features = [...words, ...words.slice(1).map((word, index) => `${words[index]} ${word}`)];
  for (const feature of features) {
    let hash = 2166136261;
    for (let index = 0; index < feature.length; index++) hash = Math.imul(hash ^ feature.charCodeAt(index), 16777619);
    const bucket = (hash >>> 0) % dimensions;
    vector[bucket]! += (hash & 0x80000000 ? -1 : 1) * (feature.includes(" ") ? 0.5 : 1);
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => value / norm);
}
