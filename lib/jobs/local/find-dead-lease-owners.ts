import os from "node:os";

/** This host's part of a lease owner id (`<host>:<pid>:<nonce>`), to find its leases by prefix. */
export const LOCAL_OWNER_PREFIX = `${os.hostname()}:`;

/** A lease owner id for a worker of this process. */
export function newLeaseOwner(): string {
  return `${LOCAL_OWNER_PREFIX}${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Of this host's lease owners, those whose process is gone: their leases can be claimed at once
 * instead of waiting for them to run out.
 */
export function findDeadLeaseOwners(owners: string[], self: string): string[] {
  return owners.filter((owner) => {
    const pid = Number(owner.split(":")[1]);
    if (owner === self || pid === process.pid) return false;
    try {
      process.kill(pid, 0);
      return false;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === "ESRCH";
    }
  });
}
