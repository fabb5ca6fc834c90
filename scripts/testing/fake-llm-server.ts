// A local stand-in for the Anthropic Messages and OpenAI Chat Completions APIs, streaming
// included, so the real SDKs are exercised without the internet. It answers every prompt with
// `reply(prompt)` split into word deltas, and records the requests it got.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type FakeLlmRequest = { api: "anthropic" | "openai"; path: string; headers: http.IncomingHttpHeaders; body: Record<string, unknown> };

export async function startFakeLlmServer(options: { reply?: (prompt: string) => string; inputTokens?: number; port?: number } = {}) {
  const reply = options.reply ?? ((prompt: string) => `You said: ${prompt}`);
  const requests: FakeLlmRequest[] = [];
  const server = http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
    const path = new URL(request.url ?? "/", "http://fake").pathname;
    const messages = (body.messages ?? []) as { role: string; content: string }[];
    const prompt = messages.filter((message) => message.role === "user").map((message) => message.content).join("\n");
    const text = reply(prompt);
    const deltas = text.match(/\S+\s*/g) ?? [""];
    const inputTokens = options.inputTokens ?? prompt.split(/\s+/).length + 3;
    const outputTokens = deltas.length;

    if (path.endsWith("/messages")) {
      requests.push({ api: "anthropic", path, headers: request.headers, body });
      // The SDK sends the key as x-api-key (0.x) or as a bearer token (1.x); accept both.
      const anthropicKey = request.headers["x-api-key"] ?? request.headers.authorization?.replace(/^Bearer /, "");
      if (anthropicKey !== "sk-ant-test") return error(response, 401, { type: "error", error: { type: "authentication_error", message: "invalid x-api-key" } });
      const id = "msg_fake";
      if (!body.stream) {
        return json(response, { id, type: "message", role: "assistant", model: body.model, content: [{ type: "text", text }], stop_reason: "end_turn", usage: { input_tokens: inputTokens, output_tokens: outputTokens } });
      }
      response.writeHead(200, { "content-type": "text/event-stream" });
      const send = (event: string, data: unknown) => response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      send("message_start", { type: "message_start", message: { id, type: "message", role: "assistant", model: body.model, content: [], stop_reason: null, usage: { input_tokens: inputTokens, output_tokens: 0 } } });
      send("content_block_start", { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } });
      for (const delta of deltas) send("content_block_delta", { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: delta } });
      send("content_block_stop", { type: "content_block_stop", index: 0 });
      send("message_delta", { type: "message_delta", delta: { stop_reason: "end_turn" }, usage: { output_tokens: outputTokens } });
      send("message_stop", { type: "message_stop" });
      return response.end();
    }

    if (path === "/health") return json(response, { status: "ok" });
    if (path.endsWith("/chat/completions")) {
      requests.push({ api: "openai", path, headers: request.headers, body });
      if (request.headers.authorization !== "Bearer sk-openai-test" && request.headers.authorization !== "Bearer not-needed") {
        return error(response, 401, { error: { message: "Incorrect API key provided", type: "invalid_request_error" } });
      }
      const base = { id: "chatcmpl-fake", object: "chat.completion.chunk", created: 1, model: body.model };
      const usage = { prompt_tokens: inputTokens, completion_tokens: outputTokens, total_tokens: inputTokens + outputTokens };
      if (!body.stream) {
        return json(response, { ...base, object: "chat.completion", choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }], usage });
      }
      response.writeHead(200, { "content-type": "text/event-stream" });
      const send = (data: unknown) => response.write(`data: ${JSON.stringify(data)}\n\n`);
      send({ ...base, choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] });
      for (const delta of deltas) send({ ...base, choices: [{ index: 0, delta: { content: delta }, finish_reason: null }] });
      send({ ...base, choices: [{ index: 0, delta: {}, finish_reason: "stop" }] });
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
