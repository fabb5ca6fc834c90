/** An API error as the browser sees it: the problem's detail, ready for a toast. */
export class ApiRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Calls the REST API from the browser (session cookie) and returns the JSON answer. */
export async function apiRequest<T = unknown>(method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return undefined as T;
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    const fieldErrors = Array.isArray(data?.errors) ? data.errors.map((error: { message: string }) => error.message).join(" ") : "";
    throw new ApiRequestError(fieldErrors || data?.detail || `Request failed (${response.status}).`, response.status);
  }
  return data as T;
}
