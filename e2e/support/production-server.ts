import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

export type ProductionServer = {
  child: ChildProcess;
  /** Everything it printed so far (for failure messages). */
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

/**
 * Starts the production build (`scripts/launch.mjs next start`) on a port of its own, in a process
 * group of its own as under a supervisor, with exactly `env` as its environment.
 */
export function launchProductionServer(port: number, env: NodeJS.ProcessEnv): ProductionServer {
  const child = spawn(process.execPath, ["scripts/launch.mjs", "next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  return { child, output: () => output, exited };
}

/** Polls `check` until it gives something truthy; fails naming `what()` after `timeoutMs`. */
export async function until<T>(check: () => Promise<T | undefined | false | null> | T | undefined | false | null, timeoutMs: number, what: () => string, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
