import { BookOpen, Bot, Braces, Clock, Code, Flag, GitBranch, Globe, Hourglass, Merge, Play, Repeat, Shuffle, Split, UserCheck, Webhook, Workflow, type LucideIcon } from "lucide-react";

const BY_TYPE: Record<string, LucideIcon> = {
  "trigger.manual": Play,
  "trigger.webhook": Webhook,
  "trigger.schedule": Clock,
  "ai.agent": Bot,
  "ai.knowledge_search": BookOpen,
  "logic.condition": GitBranch,
  "logic.router": Split,
  "flow.delay": Hourglass,
  "flow.merge": Merge,
  "flow.output": Flag,
  "flow.loop": Repeat,
  "flow.sub-workflow": Workflow,
  "data.transform": Shuffle,
  "data.code": Code,
  "integration.http": Globe,
  "human.approval": UserCheck,
};

const BY_CATEGORY: Record<string, LucideIcon> = { trigger: Play, ai: Bot, logic: GitBranch, flow: Workflow, data: Braces, integration: Globe, human: UserCheck };

/** The icon of a node type (a new type without one gets its category's). */
export function nodeIcon(type: string, category?: string): LucideIcon {
  return BY_TYPE[type] ?? BY_CATEGORY[category ?? ""] ?? Braces;
}

/** Icon tile colours per category, shared by the canvas cards, the palette and the command palette. */
export const CATEGORY_TONE: Record<string, string> = {
  trigger: "bg-violet-100 text-violet-700",
  ai: "bg-fuchsia-100 text-fuchsia-700",
  logic: "bg-amber-100 text-amber-700",
  flow: "bg-sky-100 text-sky-700",
  data: "bg-emerald-100 text-emerald-700",
  integration: "bg-orange-100 text-orange-700",
  human: "bg-rose-100 text-rose-700",
};
