import { z } from "zod";

export const updateTriggerSchema = z.object({ enabled: z.boolean() });
