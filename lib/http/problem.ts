import { AppError, type AppErrorCode, type FieldError } from "@/lib/errors/app-error";

const TITLES: Record<AppErrorCode | "internal", string> = {
  bad_request: "Bad Request",
  unauthorized: "Unauthorized",
  forbidden: "Forbidden",
  not_found: "Not Found",
  conflict: "Conflict",
  payload_too_large: "Payload Too Large",
  unsupported_media_type: "Unsupported Media Type",
  unprocessable: "Unprocessable Content",
  rate_limited: "Too Many Requests",
  unavailable: "Service Unavailable",
  internal: "Internal Server Error",
};

/** RFC 9457 problem details, the body of every API error. */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
  errorId?: string;
};

export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { "content-type": "application/problem+json", "cache-control": "no-store", ...headers },
  });
}

/** Maps anything thrown to a problem response; internals of unexpected errors never leave the server. */
export function errorToResponse(error: unknown): Response {
  if (error instanceof AppError) {
    return problemResponse(
      { type: problemType(error.code), title: TITLES[error.code], status: error.status, detail: error.message, errors: error.errors },
      error.headers,
    );
  }
  const errorId = crypto.randomUUID();
  console.error(`[agentry] unhandled error ${errorId}`, error);
  return problemResponse({
    type: problemType("internal"),
    title: TITLES.internal,
    status: 500,
    detail: "Something went wrong on our side. Quote the error id when reporting it.",
    errorId,
  });
}

function problemType(code: AppErrorCode | "internal"): string {
  return `/docs/api#problem-${code.replaceAll("_", "-")}`;
}
