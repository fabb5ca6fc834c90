import { z } from "zod";

const DAY = 86_400_000;

/** `?from=&to=` (ISO dates or times; default the last 30 days, at most 366 days) `&workflowId=`. */
export const analyticsQuerySchema = z
  .object({
    from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
    to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
    workflowId: z.string().min(1).optional(),
  })
  .transform((query) => {
    const to = query.to ? new Date(query.to) : new Date();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY);
    return { from, to, workflowId: query.workflowId };
  })
  .refine((range) => range.from < range.to, { message: "from must be before to", path: ["from"] })
  .refine((range) => range.to.getTime() - range.from.getTime() <= 366 * DAY, { message: "The range is at most 366 days", path: ["from"] });
