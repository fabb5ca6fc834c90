// A process that only runs the local job driver (what a Next.js server does in the background),
// for the crash-recovery test: it can be SIGKILLed mid-run and started again.
import { getLocalWorker } from "@/lib/jobs/local/local-worker";

const worker = getLocalWorker();
worker.start();
console.log(`[worker] ${worker.owner} ready`);
process.on("SIGTERM", () => {
  void worker.stop().then(() => process.exit(0));
});
setInterval(() => {}, 1 << 30);
