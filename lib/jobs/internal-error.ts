import { UserFacingError } from "@/lib/engine/types";
import { AppError } from "@/lib/errors/app-error";

/**
 * What users see instead of an internal error during a run (a Prisma, database or driver
 * exception, a bug): a short message with an error id; the details are in the server log under
 * that id. Retryable: such failures are usually passing (a dropped connection, a restart).
 */
export class InternalRunError extends UserFacingError {
  override name = "InternalRunError";
  readonly retryable = true;
  constructor(
    readonly errorId: string,
    options?: { cause?: unknown },
  ) {
    super(`Internal error (error id ${errorId}). The details are in the server log.`, options);
  }
}

/** Errors written for users: a node's own (NodeExecutionError), the engine's, AppError. */
export function isUserFacing(error: unknown): error is Error {
  return error instanceof UserFacingError || error instanceof AppError;
}

/**
 * The error itself when it is written for users; otherwise an InternalRunError, the original
 * logged with its id and where it happened.
 */
export function toUserFacingError(error: unknown, where: { executionId?: string; key?: string; nodeId?: string } = {}): Error {
  if (isUserFacing(error)) return error;
  // A wait or call cut short on purpose (cancel, shutdown, a stopped run) is no internal failure.
  if (error instanceof Error && error.name === "AbortError") return new UserFacingError("Stopped before it finished.", { cause: error });
  const errorId = crypto.randomUUID();
  const place = [where.executionId && `execution ${where.executionId}`, where.key ? `step ${where.key}` : where.nodeId && `node ${where.nodeId}`].filter(Boolean).join(", ");
  console.error(`[agentry] internal error ${errorId}${place ? ` (${place})` : ""}:`, error);
  return new InternalRunError(errorId, { cause: error });
}

/** The message users see for any error of a run (RunWorkflowOptions.describeError). */
export function userFacingMessage(error: unknown, where: { executionId?: string; key?: string; nodeId?: string } = {}): string {
  return toUserFacingError(error, where).message;
}
