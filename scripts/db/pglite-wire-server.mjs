// A PostgreSQL wire-protocol server in front of one PGlite instance.
//
// PGlite is a single PostgreSQL session. Serving several client connections from it is only
// correct if each connection has the session to itself for a whole unit of work: an extended-query
// cycle (Parse … Sync) or a simple query, and for as long as a transaction it opened is in
// progress. pglite-socket 0.1/0.2 interleaves connections message by message, which mixes one
// connection's Bind with another's Parse (wrong rows, "bind message supplies N parameters").
// Here a connection owns the session from its first message until PGlite answers ReadyForQuery
// with status Idle; other connections queue (FIFO) and run between units, never inside one.
//
// Shared-session consequences, handled here:
// - LISTEN/NOTIFY: the one session receives every notification; they are taken out of the
//   responses and delivered to the connections that asked for that channel. UNLISTEN is answered
//   here (the channel may still be wanted by another connection).
// - A connection that disconnects (or is terminated) while owning the session has its cycle ended
//   (Sync) and its transaction rolled back before anyone else runs.
// - A connection idle inside a transaction blocks everyone, so after `idleInTransactionMs` it is
//   rolled back and disconnected (PostgreSQL's idle_in_transaction_session_timeout).
import net from "node:net";

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

/** Frames after which PostgreSQL answers ReadyForQuery: the end of a unit of work. */
const CYCLE_END = new Set(["S", "Q", "F"]);

/**
 * @param {{ db: import("@electric-sql/pglite").PGlite, host?: string, port?: number,
 *   maxConnections?: number, idleInTransactionMs?: number, log?: (line: string) => void }} options
 */
export function createPgliteWireServer({ db, host = "127.0.0.1", port = 0, maxConnections = 100, idleInTransactionMs = 30_000, log = () => {} }) {
  /** @type {Set<Session>} */
  const sessions = new Set();
  /** Sessions with work queued while another one owns the database, in arrival order. */
  const waiting = [];
  /** @type {Session | null} */
  let owner = null;
  let running = false;
  let nextId = 1;
  let stopped = false;
  const counters = { units: 0, maxWaiting: 0, idleTimeouts: 0 };

  class Session {
    constructor(socket) {
      this.id = nextId++;
      this.socket = socket;
      this.buffer = Buffer.alloc(0);
      this.started = false;
      /** Complete frames not yet run: { type, bytes } (type "startup" for the startup packet). */
      this.frames = [];
      /** Transaction status from the last ReadyForQuery: I idle, T in transaction, E failed. */
      this.status = "I";
      /** True between the first frame of a unit of work and its ReadyForQuery. */
      this.inCycle = false;
      this.channels = new Set();
      this.closed = false;
      this.idleTimer = null;
    }

    write(bytes) {
      if (!this.closed && this.socket.writable && bytes.length > 0) this.socket.write(bytes);
    }

    /** Splits received bytes into frames; returns false on a protocol violation. */
    receive(chunk) {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
      for (;;) {
        if (!this.started) {
          if (this.buffer.length < 8) return true;
          const length = this.buffer.readInt32BE(0);
          if (length < 8 || length > 10_000) return false;
          if (this.buffer.length < length) return true;
          const code = this.buffer.readInt32BE(4);
          const packet = this.buffer.subarray(0, length);
          this.buffer = this.buffer.subarray(length);
          if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
            this.write(Buffer.from("N"));
            continue;
          }
          if (code === CANCEL_REQUEST) return false;
          this.started = true;
          this.frames.push({ type: "startup", bytes: Buffer.from(packet) });
          continue;
        }
        if (this.buffer.length < 5) return true;
        const length = this.buffer.readInt32BE(1);
        if (length < 4 || length > MAX_MESSAGE_BYTES) return false;
        if (this.buffer.length < 1 + length) return true;
        const bytes = Buffer.from(this.buffer.subarray(0, 1 + length));
        this.buffer = this.buffer.subarray(1 + length);
        this.frames.push({ type: String.fromCharCode(bytes[0]), bytes });
      }
    }
  }

  /** Runs frames on PGlite; routes notifications; returns the last ReadyForQuery status, if any. */
  async function execute(session, bytes) {
    // PGlite runs the messages synchronously; its file system is synced once the session is back
    // to idle (a finished transaction), not after every statement inside one.
    const response = Buffer.from(db.execProtocolRawSync(bytes));
    let status = null;
    const forClient = [];
    let offset = 0;
    let copyFrom = 0;
    while (offset + 5 <= response.length) {
      const type = response[offset];
      const end = offset + 1 + response.readInt32BE(offset + 1);
      if (type === 0x41 /* A: NotificationResponse */) {
        if (offset > copyFrom) forClient.push(response.subarray(copyFrom, offset));
        copyFrom = end;
        deliverNotification(response.subarray(offset, end));
      } else if (type === 0x5a /* Z: ReadyForQuery */) {
        status = String.fromCharCode(response[offset + 5]);
      }
      offset = end;
    }
    if (copyFrom < response.length) forClient.push(response.subarray(copyFrom));
    if (session) for (const part of forClient) session.write(part);
    if (status === "I") await db.syncToFs();
    return status;
  }

  function deliverNotification(frame) {
    // NotificationResponse: Int32 pid, String channel, String payload.
    const channelStart = 9;
    const channelEnd = frame.indexOf(0, channelStart);
    const channel = frame.subarray(channelStart, channelEnd).toString("utf8");
    for (const session of sessions) {
      if (session.channels.has(channel)) session.write(Buffer.from(frame));
    }
  }

  /** LISTEN/UNLISTEN in a simple query, or null. Channel names are folded as PostgreSQL does. */
  function parseListen(frame) {
    const text = frame.bytes.subarray(5, frame.bytes.length - 1).toString("utf8").trim().replace(/;\s*$/, "");
    const match = /^(LISTEN|UNLISTEN)\s+("(?:[^"]|"")+"|[A-Za-z_][\w$]*|\*)$/i.exec(text);
    if (!match) return null;
    const raw = match[2];
    const channel = raw.startsWith('"') ? raw.slice(1, -1).replaceAll('""', '"') : raw === "*" ? "*" : raw.toLowerCase();
    return { command: match[1].toUpperCase(), channel };
  }

  function answerLocally(session, tag) {
    const text = Buffer.from(`${tag}\0`);
    const complete = Buffer.alloc(5 + text.length);
    complete[0] = 0x43; // C: CommandComplete
    complete.writeInt32BE(4 + text.length, 1);
    text.copy(complete, 5);
    const ready = Buffer.from([0x5a, 0, 0, 0, 5, session.status.charCodeAt(0)]);
    session.write(Buffer.concat([complete, ready]));
  }

  /** Runs the owner's frames up to and including the end of one unit of work. */
  async function runUnit(session) {
    let end = session.frames.findIndex((frame) => frame.type === "startup" || frame.type === "X" || CYCLE_END.has(frame.type));
    if (end === -1) end = session.frames.length - 1;
    const unit = session.frames.splice(0, end + 1);
    const last = unit[unit.length - 1];
    if (last.type === "X") {
      unit.pop();
      if (unit.length) await execute(session, Buffer.concat(unit.map((frame) => frame.bytes)));
      session.inCycle = unit.length > 0 || session.inCycle;
      closeSession(session);
      return;
    }
    if (last.type === "Q" && unit.length === 1 && !session.inCycle) {
      const listen = parseListen(last);
      if (listen?.command === "UNLISTEN") {
        if (listen.channel === "*") session.channels.clear();
        else session.channels.delete(listen.channel);
        answerLocally(session, "UNLISTEN");
        return;
      }
      if (listen?.command === "LISTEN") session.channels.add(listen.channel);
    }
    session.inCycle = true;
    const status = await execute(session, Buffer.concat(unit.map((frame) => frame.bytes)));
    counters.units += 1;
    if (status) {
      session.status = status;
      // A unit ends at ReadyForQuery; extended-protocol frames without Sync keep the cycle open.
      session.inCycle = !(last.type === "startup" || CYCLE_END.has(last.type));
    }
  }

  /** Forgets a connection. If it owned the database, pump() ends what it left open first. */
  function closeSession(session) {
    if (session.closed) return;
    session.closed = true;
    clearTimeout(session.idleTimer);
    sessions.delete(session);
    const index = waiting.indexOf(session);
    if (index !== -1) waiting.splice(index, 1);
    session.frames = [];
    session.socket.destroy();
  }

  /** Ends the cycle and rolls back the transaction a departed owner left on the shared session. */
  async function releaseDepartedOwner(session) {
    try {
      if (session.inCycle) await execute(null, Buffer.from([0x53, 0, 0, 0, 4])); // S: Sync
      if (db.isInTransaction()) await execute(null, simpleQuery("ROLLBACK"));
    } catch (error) {
      log(`cleanup after connection ${session.id} failed: ${error.message}`);
    }
  }

  function hasWork(session) {
    return session.frames.length > 0 && !session.closed;
  }

  /** Gives the database to one session at a time; called whenever something may have changed. */
  async function pump() {
    if (running) return;
    running = true;
    try {
      for (;;) {
        if (owner?.closed) {
          await releaseDepartedOwner(owner);
          owner = null;
        }
        if (owner && !hasWork(owner)) break; // mid-transaction or mid-cycle: it will send more
        if (!owner) {
          const next = waiting.shift();
          if (!next) break;
          if (!hasWork(next)) continue;
          owner = next;
        }
        const session = owner;
        clearTimeout(session.idleTimer);
        try {
          await runUnit(session);
        } catch (error) {
          log(`connection ${session.id}: ${error.message}`);
          closeSession(session);
          continue;
        }
        if (session.closed) continue;
        if (!session.inCycle && session.status === "I") {
          owner = null;
          if (hasWork(session)) waiting.push(session); // back of the queue: others get a turn
        }
      }
      if (owner && !owner.closed && !hasWork(owner)) armIdleTimer(owner);
    } finally {
      running = false;
    }
  }

  function armIdleTimer(session) {
    clearTimeout(session.idleTimer);
    session.idleTimer = setTimeout(() => {
      if (owner !== session || hasWork(session)) return;
      counters.idleTimeouts += 1;
      log(`connection ${session.id} was idle in a transaction for ${idleInTransactionMs} ms while holding the embedded database; rolled back and closed`);
      closeSession(session);
      void pump();
    }, idleInTransactionMs);
    session.idleTimer.unref?.();
  }

  function schedule(session) {
    if (owner !== session && !waiting.includes(session)) {
      waiting.push(session);
      counters.maxWaiting = Math.max(counters.maxWaiting, waiting.length);
    }
    void pump();
  }

  const server = net.createServer((socket) => {
    if (stopped || sessions.size >= maxConnections) {
      socket.end(errorResponse("53300", "too many connections to the embedded database"));
      return;
    }
    socket.setNoDelay(true);
    const session = new Session(socket);
    sessions.add(session);
    socket.on("data", (chunk) => {
      if (session.closed) return;
      if (!session.receive(chunk)) {
        log(`connection ${session.id}: protocol error, closing`);
        closeSession(session);
        void pump();
        return;
      }
      if (session.frames.length) schedule(session);
    });
    const onGone = () => {
      closeSession(session);
      void pump();
    };
    socket.on("close", onGone);
    socket.on("error", onGone);
  });

  return {
    /** @returns {Promise<number>} the bound port */
    start() {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          resolve(/** @type {net.AddressInfo} */ (server.address()).port);
        });
      });
    },
    async stop() {
      stopped = true;
      for (const session of [...sessions]) closeSession(session);
      while (running) await new Promise((resolve) => setTimeout(resolve, 5));
      await pump();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
    stats: () => ({ connections: sessions.size, waiting: waiting.length, ...counters }),
  };
}

function simpleQuery(sql) {
  const text = Buffer.from(`${sql}\0`);
  const frame = Buffer.alloc(5 + text.length);
  frame[0] = 0x51; // Q
  frame.writeInt32BE(4 + text.length, 1);
  text.copy(frame, 5);
  return frame;
}

function errorResponse(code, message) {
  const fields = Buffer.concat([Buffer.from(`SFATAL\0C${code}\0M${message}\0`), Buffer.from([0])]);
  const frame = Buffer.alloc(5 + fields.length);
  frame[0] = 0x45; // E
  frame.writeInt32BE(4 + fields.length, 1);
  fields.copy(frame, 5);
  return frame;
}
