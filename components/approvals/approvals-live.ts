"use client";

import { useEffect, useState } from "react";

/** What the approvals stream says; `version: null` comes from the fallback poll (list unknown). */
export type ApprovalsLive = { count: number; version: string | null };
type Listener = (state: ApprovalsLive) => void;

const STREAM_URL = "/api/v1/approvals/stream";
/** While the stream is down: how often the count is fetched instead, and the stream tried again. */
const FALLBACK_MS = 30_000;

// One EventSource per tab, shared by the nav badge and the inbox; closed when nobody listens.
// The server fixes the workspace when the stream connects, so the stream is keyed by the active
// workspace the layout rendered (setApprovalsWorkspace) and reopened when it changes.
const listeners = new Set<Listener>();
let source: EventSource | null = null;
let workspace: string | null = null;
let latest: ApprovalsLive | null = null;
let fallback: ReturnType<typeof setInterval> | null = null;
let reopen: ReturnType<typeof setTimeout> | null = null;

function publish(state: ApprovalsLive) {
  latest = state;
  for (const listener of [...listeners]) listener(state);
}

function open() {
  if (source || !listeners.size) return;
  const stream = new EventSource(STREAM_URL);
  source = stream;
  stream.addEventListener("approvals", (event) => {
    if (source !== stream) return;
    stopFallback();
    publish(JSON.parse((event as MessageEvent<string>).data) as ApprovalsLive);
  });
  stream.onerror = () => {
    // A dropped connection is retried by EventSource itself (the server asks for 2 s); meanwhile,
    // and for good once the server refused the stream (CLOSED), the count is polled slowly.
    startFallback();
    if (stream.readyState !== EventSource.CLOSED) return;
    stream.close();
    if (source === stream) source = null;
    reopen ??= setTimeout(() => {
      reopen = null;
      open();
    }, FALLBACK_MS);
  };
}

function startFallback() {
  fallback ??= setInterval(async () => {
    try {
      const response = await fetch("/api/v1/approvals", { cache: "no-store" });
      if (response.ok) publish({ count: ((await response.json()) as { count: number }).count, version: null });
    } catch {
      // Offline or restarting: keep the last count.
    }
  }, FALLBACK_MS);
}

function stopFallback() {
  if (fallback) clearInterval(fallback);
  fallback = null;
}

function close() {
  source?.close();
  source = null;
  stopFallback();
  if (reopen) clearTimeout(reopen);
  reopen = null;
}

/**
 * The workspace the page was rendered for. When it changes (workspace switcher), the old stream
 * is closed and one for the new workspace opened; the first call only records it, since the
 * stream already opened follows the same session.
 */
export function setApprovalsWorkspace(workspaceId: string) {
  if (workspace === workspaceId) return;
  const previous = workspace;
  workspace = workspaceId;
  if (previous === null) return;
  // The old workspace's count must not greet the next subscriber; the new stream answers on connect.
  latest = null;
  close();
  open();
}

/** Follows the workspace's waiting approvals live; calls `listener` on every update. */
export function subscribeApprovals(listener: Listener): () => void {
  listeners.add(listener);
  if (latest) listener(latest);
  open();
  return () => {
    listeners.delete(listener);
    if (!listeners.size) close();
  };
}

/** The live state of the workspace's approvals (null until the stream first answers). */
export function useApprovalsLive(): ApprovalsLive | null {
  const [state, setState] = useState<ApprovalsLive | null>(latest);
  useEffect(() => subscribeApprovals(setState), []);
  return state;
}
