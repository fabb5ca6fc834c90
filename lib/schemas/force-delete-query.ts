import { z } from "zod";

/** `?force=true` deletes something workflows still use (credentials, MCP connections); without it that is a 409 naming them. */
export const forceDeleteQuerySchema = z.object({
  force: z.enum(["true", "false"]).optional().meta({ description: "Delete even though workflows use it; their nodes then need another one" }),
});
