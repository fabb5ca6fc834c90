import net from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "./embedded-postgres.mjs";

// The embedded database serves many connections from one PGlite session. These tests hammer it
// the way the app does (a pool of connections, extended-protocol queries with parameters,
// interactive transactions, LISTEN/NOTIFY on its own connection) and check every answer.
let embedded: Awaited<ReturnType<typeof startEmbeddedPostgres>>;
let pool: pg.Pool;

beforeAll(async () => {
  embedded = await startEmbeddedPostgres({ idleInTransactionMs: 1_000 });
  pool = new pg.Pool({ connectionString: embedded.url, max: 20 });
  await pool.query("CREATE TABLE item (id int PRIMARY KEY, name text NOT NULL, counter int NOT NULL DEFAULT 0)");
  await pool.query("INSERT INTO item (id, name) SELECT g, 'item-' || g FROM generate_series(1, 200) g");
}, 60_000);

afterAll(async () => {
  await pool?.end();
  await embedded?.stop();
});

describe("the embedded database's wire server", () => {
  it("answers every one of 1,000 concurrent parameterized queries with its own parameters", async () => {
    const answers = await Promise.all(
      Array.from({ length: 1_000 }, async (_, index) => {
        const id = (index % 200) + 1;
        // Different statement shapes and parameter counts, so any interleaving would show.
        if (index % 3 === 0) return { index, id, row: (await pool.query("SELECT id, name FROM item WHERE id = $1", [id])).rows[0] };
        if (index % 3 === 1) return { index, id, row: (await pool.query("SELECT id, name, $2::int AS tag FROM item WHERE id = $1 AND $3::text = $3::text", [id, index, "x"])).rows[0] };
        return { index, id, row: (await pool.query("SELECT $1::int AS id, 'item-' || $1::int AS name, $2::text AS a, $3::text AS b, $4::text AS c", [id, "a", "b", "c"])).rows[0] };
      }),
    );
    for (const { index, id, row } of answers) {
      expect(row.id).toBe(id);
      expect(row.name).toBe(`item-${id}`);
      if (index % 3 === 1) expect(row.tag).toBe(index);
    }
  });

  it("keeps 100 concurrent interactive transactions isolated: no lost update, rollbacks undone", async () => {
    await Promise.all(
      Array.from({ length: 100 }, async (_, index) => {
        const client = await pool.connect();
        try {
          await client.query("BEGIN");
          const { rows } = await client.query("SELECT counter FROM item WHERE id = $1", [1]);
          await new Promise((resolve) => setImmediate(resolve)); // yield while holding the transaction
          await client.query("UPDATE item SET counter = $1 WHERE id = $2", [rows[0].counter + 1, 1]);
          if (index % 4 === 0) {
            await client.query("UPDATE item SET counter = counter + 1000 WHERE id = $1", [2]);
            await client.query("ROLLBACK");
          } else {
            await client.query("COMMIT");
          }
        } finally {
          client.release();
        }
      }),
    );
    const { rows } = await pool.query("SELECT id, counter FROM item WHERE id IN (1, 2) ORDER BY id");
    expect(rows).toEqual([
      { id: 1, counter: 75 },
      { id: 2, counter: 0 },
    ]);
  });

  it("a failed statement in one transaction does not disturb the others", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, async (_, index) => {
        const client = await pool.connect();
        try {
          await client.query("BEGIN");
          if (index % 2 === 0) await client.query("SELECT * FROM missing_table WHERE id = $1", [index]);
          const { rows } = await client.query("SELECT $1::int AS n", [index]);
          await client.query("COMMIT");
          return rows[0].n;
        } catch (error) {
          await client.query("ROLLBACK");
          throw error;
        } finally {
          client.release();
        }
      }),
    );
    results.forEach((result, index) => {
      if (index % 2 === 0) expect(result.status).toBe("rejected");
      else expect(result).toEqual({ status: "fulfilled", value: index });
    });
  });

  it("delivers NOTIFY to the connections listening on that channel only", async () => {
    const listener = new pg.Client({ connectionString: embedded.url });
    const other = new pg.Client({ connectionString: embedded.url });
    await listener.connect();
    await other.connect();
    try {
      const received: string[] = [];
      const otherReceived: string[] = [];
      listener.on("notification", (message) => received.push(message.payload ?? ""));
      other.on("notification", (message) => otherReceived.push(message.payload ?? ""));
      await listener.query("LISTEN agentry_test");
      await other.query("LISTEN other_channel");
      await Promise.all(Array.from({ length: 20 }, (_, index) => pool.query("SELECT pg_notify('agentry_test', $1)", [`p${index}`])));
      await expect.poll(() => received.length).toBe(20);
      expect(new Set(received)).toEqual(new Set(Array.from({ length: 20 }, (_, index) => `p${index}`)));
      expect(otherReceived).toEqual([]);
      // UNLISTEN on one connection leaves the others subscribed.
      await other.query("LISTEN agentry_test");
      await other.query("UNLISTEN agentry_test");
      await pool.query("SELECT pg_notify('agentry_test', 'after')");
      await expect.poll(() => received.includes("after")).toBe(true);
      expect(otherReceived).toEqual([]);
    } finally {
      await listener.end();
      await other.end();
    }
  });

  it("rolls back the transaction of a connection that disappears while holding the session", async () => {
    const client = new pg.Client({ connectionString: embedded.url });
    await client.connect();
    await client.query("BEGIN");
    await client.query("UPDATE item SET name = 'uncommitted' WHERE id = $1", [3]);
    // Kill the socket without a goodbye, as a crashed process would.
    (client as unknown as { connection: { stream: net.Socket } }).connection.stream.destroy();
    client.on("error", () => {});
    const { rows } = await pool.query("SELECT name FROM item WHERE id = $1", [3]);
    expect(rows[0].name).toBe("item-3");
  });

  it("rolls back and disconnects a connection idle in a transaction so others are not blocked forever", async () => {
    const client = new pg.Client({ connectionString: embedded.url });
    client.on("error", () => {});
    await client.connect();
    await client.query("BEGIN");
    await client.query("UPDATE item SET name = 'stuck' WHERE id = $1", [4]);
    const started = Date.now();
    const { rows } = await pool.query("SELECT name FROM item WHERE id = $1", [4]);
    expect(rows[0].name).toBe("item-4");
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    await expect(client.query("SELECT 1")).rejects.toThrow();
  });
});
