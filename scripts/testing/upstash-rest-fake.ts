// A local stand-in for Upstash's REST API in front of the real Redis on 127.0.0.1:6379, so the
// @upstash/redis + @upstash/ratelimit driver is tested end to end without the internet.
// Speaks the wire format: POST / with a JSON command array → { result }, POST /pipeline and
// /multi-exec with an array of commands → [{ result } | { error }].
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createClient } from "redis";

export const REDIS_URL = process.env.TEST_REDIS_URL || "redis://127.0.0.1:6379";

export async function startUpstashRestFake(token: string) {
  const redis = createClient({ url: REDIS_URL, socket: { connectTimeout: 2000, reconnectStrategy: false } });
  await redis.connect();
  // Upstash scripts declare `#!lua flags=allow-key-locking`, an Upstash-only flag open-source
  // Redis refuses: load them without it, and answer to the SHA the client computed.
  const shaOf = (script: string) => crypto.createHash("sha1").update(script).digest("hex");
  const loaded = new Map<string, string>();
  const load = async (script: string) => {
    const sha = String(await redis.sendCommand(["SCRIPT", "LOAD", script.replace(/^#!lua flags=[^\n]*/, "#!lua")]));
    loaded.set(shaOf(script), sha);
    return shaOf(script);
  };
  const translate = async (command: string[]): Promise<string[]> => {
    const name = command[0]!.toUpperCase();
    if (name === "EVAL") return ["EVALSHA", loaded.get(await load(command[1]!))!, ...command.slice(2)];
    if (name === "EVALSHA" && loaded.has(command[1]!)) return ["EVALSHA", loaded.get(command[1]!)!, ...command.slice(2)];
    return command;
  };
  const run = async (command: unknown[]) => {
    try {
      const args = command.map(String);
      if (args[0]?.toUpperCase() === "SCRIPT" && args[1]?.toUpperCase() === "LOAD") return { result: await load(args[2]!) };
      return { result: await redis.sendCommand(await translate(args)) };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  };
  const server = http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    response.setHeader("content-type", "application/json");
    if (request.headers.authorization !== `Bearer ${token}`) {
      response.statusCode = 401;
      return response.end(JSON.stringify({ error: "Unauthorized" }));
    }
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "[]");
    const path = new URL(request.url ?? "/", "http://fake").pathname;
    if (path === "/pipeline" || path === "/multi-exec") {
      const results = [];
      for (const command of body as unknown[][]) results.push(await run(command));
      return response.end(JSON.stringify(results));
    }
    const result = await run(body as unknown[]);
    if ("error" in result) response.statusCode = 400;
    response.end(JSON.stringify(result));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    redis,
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      await redis.quit();
    },
  };
}
