// One process per embedded-database folder: PGlite has no multi-process locking of its own, and
// two processes on one data folder corrupt it. A dead process must never hold the lock — not a
// zombie, not a SIGKILLed launcher, not a stale pid that now belongs to an unrelated process (a
// container restarts with pids from 1 while the lock file survives on the volume).
//
// The lock file holds an owner record: pid, the process's start time (/proc/<pid>/stat, field 22),
// the kernel boot id, the pid namespace and the host name. Its mtime is a heartbeat, touched every
// few seconds while the owner lives. Whether a recorded owner still holds the lock:
// - same host, boot and pid namespace (the usual restart on one machine): exactly — the pid must
//   exist, not be a zombie ('Z') or dead ('X'), and have the recorded start time (so a reused pid
//   is recognised); no waiting.
// - anything else (another container or machine sharing the folder, a reboot, no /proc): by the
//   heartbeat — a lock whose mtime is older than STALE_MS is taken over. A fresher one is waited
//   for (up to STALE_MS): if its heartbeat stops, it is taken over, else it is refused.
import fs from "node:fs";
import os from "node:os";

export const HEARTBEAT_MS = 2_000;
export const STALE_MS = 10_000;

function readFileOrNull(file) {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

const readLink = (file) => {
  try {
    return fs.readlinkSync(file);
  } catch {
    return null;
  }
};

/** State and start time (clock ticks since boot) of a process from /proc, or null when absent. */
export function processInfo(pid) {
  const stat = readFileOrNull(`/proc/${pid}/stat`);
  if (stat === null) return null;
  // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return { state: fields[0], startTime: fields[19] };
}

const hasProc = () => fs.existsSync("/proc/self/stat");

/** The record naming this process as the owner. */
export function ownerRecord(pid = process.pid) {
  return {
    pid,
    startTime: processInfo(pid)?.startTime ?? null,
    bootId: readFileOrNull("/proc/sys/kernel/random/boot_id")?.trim() ?? null,
    pidNamespace: readLink("/proc/self/ns/pid"),
    hostname: os.hostname(),
    since: new Date().toISOString(),
  };
}

function parseRecord(text) {
  if (text === null) return null;
  if (/^\s*\d+\s*$/.test(text)) return { pid: Number(text), legacy: true }; // written by older versions: the pid only
  try {
    const record = JSON.parse(text);
    return record && typeof record.pid === "number" ? record : { pid: 0 };
  } catch {
    return { pid: 0 }; // half-written or foreign: judged by its heartbeat
  }
}

function pidExists(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

/**
 * Whether the owner a lock file names still holds it: "alive", "dead", or "unknown" (on another
 * machine, container or boot, or without /proc: the heartbeat decides).
 */
export function judgeOwner(record, self = ownerRecord()) {
  if (!record || !record.pid) return "unknown";
  if (record.legacy) {
    // Older versions wrote the pid only: alive if that pid runs an Agentry script.
    if (!hasProc()) return pidExists(record.pid) ? "alive" : "dead";
    const info = processInfo(record.pid);
    if (!info || info.state === "Z" || info.state === "X") return "dead";
    return /launch\.mjs|db-migrate\.mjs/.test(readFileOrNull(`/proc/${record.pid}/cmdline`) ?? "") ? "alive" : "dead";
  }
  const sameMachine = record.hostname === self.hostname && record.bootId === self.bootId && record.pidNamespace === self.pidNamespace;
  if (!sameMachine || !hasProc() || !record.startTime) return "unknown";
  const info = processInfo(record.pid);
  if (!info || info.state === "Z" || info.state === "X") return "dead";
  return info.startTime === record.startTime ? "alive" : "dead"; // else the pid was reused
}

function heartbeatAgeMs(lockFile) {
  try {
    return Date.now() - fs.statSync(lockFile).mtimeMs;
  } catch {
    return Infinity;
  }
}

const sameOwner = (a, b) => !!a && !!b && a.pid === b.pid && a.startTime === b.startTime && a.hostname === b.hostname && a.bootId === b.bootId;

/** Blocks the thread for `ms` (the lock is taken before anything else runs). */
const sleepSync = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Takes the lock of an embedded-database folder (`<dataDir>.lock`) for this process, or throws a
 * clear error naming the live owner. Returns the release function (which stops the heartbeat and
 * removes the file if it is still ours).
 * @param {string} dataDir
 * @param {{ staleMs?: number, heartbeatMs?: number, log?: (line: string) => void }} [options]
 * @returns {() => void}
 */
export function lockDataDir(dataDir, { staleMs = STALE_MS, heartbeatMs = HEARTBEAT_MS, log = (line) => console.log(`[agentry] ${line}`) } = {}) {
  const lockFile = `${dataDir}.lock`;
  const self = ownerRecord();
  const selfText = JSON.stringify(self);
  const waitUntil = Date.now() + staleMs + heartbeatMs;
  let waited = false;
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(lockFile, selfText, { flag: "wx" });
      break;
    } catch (error) {
      if (error.code !== "EEXIST" || attempt > 50) throw error;
    }
    const text = readFileOrNull(lockFile);
    if (text === null) continue; // released meanwhile
    const holder = parseRecord(text);
    if (holder.pid === process.pid && (holder.legacy || sameOwner(holder, self))) {
      fs.writeFileSync(lockFile, selfText);
      break;
    }
    const verdict = judgeOwner(holder, self);
    const age = heartbeatAgeMs(lockFile);
    const stale = verdict === "dead" || (verdict === "unknown" && age > staleMs);
    if (!stale) {
      if (verdict === "unknown" && Date.now() < waitUntil) {
        if (!waited) log(`waiting for the lock on ${dataDir} (held by process ${holder.pid} on ${holder.hostname ?? "this host"}, heartbeat ${Math.round(age / 1000)} s ago)`);
        waited = true;
        sleepSync(Math.min(500, heartbeatMs));
        continue;
      }
      throw new Error(
        `The embedded database in ${dataDir} is in use by process ${holder.pid}${holder.hostname && holder.hostname !== self.hostname ? ` on ${holder.hostname}` : ""}. ` +
          "Stop that Agentry process, or set AGENTRY_DATA_DIR to another folder.",
      );
    }
    // Take over: move the stale file aside atomically (only one process can), check that it is
    // the one judged (not a fresh lock written meanwhile), then create ours exclusively.
    const aside = `${lockFile}.stale-${process.pid}`;
    try {
      fs.renameSync(lockFile, aside);
    } catch (error) {
      if (error.code === "ENOENT") continue;
      throw error;
    }
    if (readFileOrNull(aside) !== text) {
      try {
        fs.linkSync(aside, lockFile); // put the newer lock back (never over another)
      } catch {
        // someone else's lock is in place already
      }
      fs.rmSync(aside, { force: true });
      continue;
    }
    fs.rmSync(aside, { force: true });
    log(`took over the lock on ${dataDir} from process ${holder.pid}, which ${verdict === "dead" ? "is gone" : `stopped its heartbeat ${Math.round(age / 1000)} s ago`}`);
  }

  const heartbeat = setInterval(() => {
    try {
      const now = new Date();
      fs.utimesSync(lockFile, now, now);
    } catch (error) {
      if (error.code === "ENOENT") console.error(`[agentry] the lock file ${lockFile} disappeared; another process may be using the data folder`);
    }
  }, heartbeatMs);
  heartbeat.unref();
  let released = false;
  return () => {
    if (released) return;
    released = true;
    clearInterval(heartbeat);
    if (sameOwner(parseRecord(readFileOrNull(lockFile)), self)) fs.rmSync(lockFile, { force: true });
  };
}
