import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";
import { toStorableJsonText, toStorableText } from "@/lib/storage/storable-text";

/**
 * Wraps a Prisma driver adapter so every query argument is storable: NUL and lone surrogates
 * become U+FFFD in text and JSON arguments alike (docs/database.md). The one place where data
 * reaches PostgreSQL, so run inputs, node outputs, HTTP responses and events with such strings
 * are stored instead of failing the query. The API refuses such text in its fields before this.
 */
export function withStorableArgs<T extends SqlDriverAdapterFactory>(factory: T): T {
  return override(factory, { connect: async () => wrapAdapter(await factory.connect()) });
}

function wrapAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return override(adapter, {
    queryRaw: (query: SqlQuery) => adapter.queryRaw(storableQuery(query)),
    executeRaw: (query: SqlQuery) => adapter.executeRaw(storableQuery(query)),
    startTransaction: async (...args: Parameters<SqlDriverAdapter["startTransaction"]>) => wrapTransaction(await adapter.startTransaction(...args)),
  });
}

function wrapTransaction(transaction: Transaction): Transaction {
  return override(transaction, {
    queryRaw: (query: SqlQuery) => transaction.queryRaw(storableQuery(query)),
    executeRaw: (query: SqlQuery) => transaction.executeRaw(storableQuery(query)),
  });
}

function storableQuery(query: SqlQuery): SqlQuery {
  return { ...query, args: query.args.map((arg, index) => storableArg(arg, query.argTypes[index]?.scalarType === "json")) };
}

function storableArg(arg: unknown, isJson: boolean): unknown {
  if (typeof arg === "string") return isJson ? toStorableJsonText(arg) : toStorableText(arg);
  if (Array.isArray(arg)) return arg.map((item) => storableArg(item, isJson));
  return arg;
}

// A view of `target` with some methods replaced; everything else (including methods that use
// private fields) still runs on the target itself.
function override<T extends object>(target: T, methods: Record<string, unknown>): T {
  return new Proxy(target, {
    get(object, property) {
      if (typeof property === "string" && Object.hasOwn(methods, property)) return methods[property];
      const value = Reflect.get(object, property, object);
      return typeof value === "function" ? value.bind(object) : value;
    },
  });
}
