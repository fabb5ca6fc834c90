import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
export const MCP_TEST_SERVER = path.join(ROOT, "scripts/testing/mcp-test-server.ts");

/** Starts scripts/testing/mcp-test-server.ts over Streamable HTTP in its own process; resolves with its URL. */
export async function startMcpTestServer(): Promise<{ url: string; process: ChildProcess; stop: () => void }> {
  const child = spawn(process.execPath, ["--import", "tsx", MCP_TEST_SERVER, "http"], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /MCP_URL=(\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once("exit", (code) => reject(new Error(`the MCP test server exited (${code})`)));
  });
  return { url, process: child, stop: () => void child.kill() };
}
