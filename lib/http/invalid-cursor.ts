import { AppError } from "@/lib/errors/app-error";

/** A cursor that is not the id of a row of the list it is used on: 400, not an empty page. */
export function invalidCursor(): AppError {
  return new AppError("bad_request", "The cursor is not valid for this list.", {
    errors: [{ path: "query.cursor", message: "Use the nextCursor of a previous page, or leave it out for the first page." }],
  });
}
