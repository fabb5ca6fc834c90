import { Inngest } from "inngest";

/**
 * The Inngest client for the production job driver (Inngest Cloud or a self-hosted Inngest
 * server). lib/env selects it when INNGEST_EVENT_KEY or INNGEST_DEV is set; otherwise workflows
 * run on the local driver and nothing is sent here.
 */
export const inngest = new Inngest({ id: "agentry" });
