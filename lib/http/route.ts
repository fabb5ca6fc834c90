import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import type { SessionUser } from "@/lib/auth/get-session-user";
import { requireSessionUser, resolveActor } from "@/lib/auth/resolve-actor";
import type { Role } from "@/lib/auth/roles";
import { AppError, type FieldError } from "@/lib/errors/app-error";
import { findUnstorableJson } from "@/lib/http/find-unstorable-json";
import { errorToResponse } from "@/lib/http/problem";
import { publicOrigin } from "@/lib/http/public-origin";
import { isStorableText } from "@/lib/storage/storable-text";

export const DEFAULT_MAX_BODY_BYTES = 1_000_000;

type RouteParams = Record<string, string | string[] | undefined>;

/**
 * `{ role }`: a member (session, in the active workspace) or an API key with at least that role;
 * `"user"`: any signed-in user, no workspace; `"public"`: no authentication.
 */
export type RouteAuth = { role: Role } | "user" | "public";

type AuthContext<TAuth extends RouteAuth> = TAuth extends { role: Role } ? { actor: Actor } : TAuth extends "user" ? { user: SessionUser } : object;

export type RouteInput<TBody, TQuery, TAuth extends RouteAuth> = {
  request: Request;
  body: TBody;
  query: TQuery;
  params: RouteParams;
} & AuthContext<TAuth>;

export type RouteOptions<TBody extends z.ZodType, TQuery extends z.ZodType, TAuth extends RouteAuth> = {
  auth: TAuth;
  body?: TBody;
  query?: TQuery;
  maxBodyBytes?: number;
  /** Top-level body fields of free JSON data (a run's input): NUL and lone surrogates allowed, stored as U+FFFD. */
  jsonData?: readonly string[];
  /** Also accept multipart/form-data (file uploads): then `body` is undefined and the handler reads the request itself. */
  multipart?: boolean;
};

/**
 * The one wrapper every route handler goes through: authenticates (session or API key) and checks
 * the role, parses and validates the body and query with zod, runs the handler, and turns every
 * error into application/problem+json.
 */
export function route<TAuth extends RouteAuth, TBody extends z.ZodType = z.ZodUnknown, TQuery extends z.ZodType = z.ZodUnknown>(
  options: RouteOptions<TBody, TQuery, TAuth>,
  handler: (input: RouteInput<z.output<TBody>, z.output<TQuery>, TAuth>) => Promise<Response>,
) {
  return async (request: Request, context?: { params?: Promise<RouteParams> }): Promise<Response> => {
    try {
      const auth =
        options.auth === "public"
          ? {}
          : options.auth === "user"
            ? { user: await requireSessionUser(request) }
            : { actor: await resolveActor(request, options.auth.role) };
      const params = (await context?.params) ?? {};
      const query = options.query
        ? validate(options.query, Object.fromEntries(new URL(request.url).searchParams), "query")
        : undefined;
      const multipart = options.multipart === true && /^multipart\/form-data\b/i.test(request.headers.get("content-type") ?? "");
      const body = options.body && !multipart
        ? validate(options.body, await readJsonBody(request, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES), "body", options.jsonData)
        : undefined;
      const input = { request, body: body as z.output<TBody>, query: query as z.output<TQuery>, params, ...auth };
      return await handler(input as RouteInput<z.output<TBody>, z.output<TQuery>, TAuth>);
    } catch (error) {
      return errorToResponse(error);
    }
  };
}

export function json(data: unknown, init: ResponseInit = {}): Response {
  return Response.json(data, { ...init, headers: { "cache-control": "no-store", ...init.headers } });
}

export function noContent(): Response {
  return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
}

/** A route param as a single string (Next passes string[] for catch-all segments). */
export function param(params: RouteParams, name: string): string {
  const value = params[name];
  if (typeof value !== "string" || value === "") throw new AppError("not_found", `Missing ${name}.`);
  // No row has an id PostgreSQL cannot store (NUL, lone surrogate): nothing to look up.
  if (!isStorableText(value)) throw new AppError("not_found", "Not found.");
  return value;
}

/** The public origin of the app (see publicOrigin) for a route handler's request. */
export function requestOrigin(request: Request): string {
  return publicOrigin(request.headers, request.url);
}

/** The body as parsed JSON; no body at all (whatever the content type says) reads as `{}`. */
async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const bytes = await readBodyBytes(request, maxBytes);
  let text: string;
  try {
    // JSON is UTF-8 (RFC 8259): bytes that are not are refused, not turned into U+FFFD.
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("bad_request", "The request body is not valid UTF-8.");
  }
  // Bodyless actions (`curl -X POST …/publish`): the schema decides whether `{}` is enough.
  if (text.trim() === "") return {};
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(contentType)) {
    throw new AppError("unsupported_media_type", "Send the request body as JSON (Content-Type: application/json).");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
}

/** A request body as text, refused with 413 past `maxBytes` (counted on the bytes read). */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  return (await readBodyBytes(request, maxBytes)).toString("utf8");
}

/** The raw request body, refused with 413 past `maxBytes` (multipart uploads). */
export async function readBodyBytes(request: Request, maxBytes: number): Promise<Buffer> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  return readBytesLimited(request, maxBytes);
}

// Content-Length can be absent (chunked) or wrong: count the bytes actually read.
async function readBytesLimited(request: Request, maxBytes: number): Promise<Buffer> {
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function tooLarge(maxBytes: number): AppError {
  return new AppError("payload_too_large", `The request body is larger than ${maxBytes} bytes.`);
}

// Text PostgreSQL cannot store is refused here for every endpoint, beside the schema's own errors.
function validate<T extends z.ZodType>(schema: T, value: unknown, where: "body" | "query", jsonData?: readonly string[]): z.output<T> {
  const unstorable = findUnstorableJson(value, where, { jsonData });
  const result = schema.safeParse(value);
  if (result.success && unstorable.length === 0) return result.data;
  const errors: FieldError[] = [
    ...unstorable,
    ...(result.error?.issues ?? []).map((issue) => ({ path: [where, ...issue.path.map(String)].join("."), message: issue.message })),
  ];
  throw new AppError("bad_request", `The ${where} is invalid.`, { errors });
}
