// `npm run bench`: prints the speed figures the project tracks. Benchmarks never run in `npm test`.
import { benchDatabase } from "./database";
import { benchEngine } from "./engine";
import { benchLocalDriver } from "./local-driver";
import { benchStreaming } from "./streaming";
import { benchCanvas } from "./canvas";
import { benchAnalytics } from "./analytics";
import { benchWebhook } from "./webhook";
import { benchFanout } from "./fanout";
import { benchKnowledge } from "./knowledge";
import type { BenchResult } from "./stats";

const suites: Record<string, () => Promise<BenchResult[]>> = {
  database: benchDatabase,
  engine: benchEngine,
  "local-driver": benchLocalDriver,
  streaming: benchStreaming,
  analytics: benchAnalytics,
  canvas: benchCanvas,
  webhook: benchWebhook,
  fanout: benchFanout,
  knowledge: benchKnowledge,
};

const only = process.argv.slice(2);
for (const [name, run] of Object.entries(suites)) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n${name}`);
  for (const result of await run()) {
    console.log(`  ${result.name.padEnd(48)} ${result.value.toFixed(result.value < 10 ? 2 : 0).padStart(9)} ${result.unit}`);
  }
}
process.exit(0);
