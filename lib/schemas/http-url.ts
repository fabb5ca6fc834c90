import { z } from "zod";

/** An http(s) URL a user gives the server to call, without credentials in it; `example` goes in the message. */
export function httpUrlSchema(example: string) {
  return z
    .string()
    .trim()
    .max(2000)
    .refine((value) => {
      try {
        const url = new URL(value);
        return (url.protocol === "http:" || url.protocol === "https:") && !url.username && !url.password;
      } catch {
        return false;
      }
    }, `Enter an http(s) URL without a user name or password, e.g. ${example}.`);
}
