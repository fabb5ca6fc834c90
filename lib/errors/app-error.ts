/** The one error type lib/ throws; lib/http maps `code` to an HTTP status. */
export const APP_ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_STATUS;

/** An invalid field; for workflow graphs also the node or edge to show it on. */
export type FieldError = { path: string; message: string; nodeId?: string; edgeId?: string };

export class AppError extends Error {
  override name = "AppError";
  readonly code: AppErrorCode;
  readonly errors?: FieldError[];
  readonly headers?: Record<string, string>;

  constructor(
    code: AppErrorCode,
    message: string,
    options: { errors?: FieldError[]; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.errors = options.errors;
    this.headers = options.headers;
  }

  get status(): number {
    return APP_ERROR_STATUS[this.code];
  }
}
