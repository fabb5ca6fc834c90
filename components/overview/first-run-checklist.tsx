import Link from "next/link";
import { CheckCircle2, Circle } from "lucide-react";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { cn } from "@/lib/ui/cn";
import type { FirstRunProgress } from "@/lib/workspaces/get-first-run-progress";

type Step = { title: string; done: boolean; text: string; href?: string; action?: string };

/** The first-run path, each step checked off from the workspace's real rows (not from clicks). */
export function FirstRunChecklist({ progress, canManageCredentials, canEdit }: { progress: FirstRunProgress; canManageCredentials: boolean; canEdit: boolean }) {
  const { hasModelCredential, workflow, latestRun, completedRun } = progress;
  const steps: Step[] = [
    {
      title: "Add a model credential",
      done: hasModelCredential,
      text: canManageCredentials ? "An Anthropic or OpenAI key, or an OpenAI-compatible server such as Ollama — tested as you add it." : "An admin adds the Anthropic, OpenAI or local model key agents use.",
      href: "/settings/credentials",
      action: canManageCredentials ? "Add a credential" : "See credentials",
    },
    {
      title: "Create a workflow from a template",
      done: workflow !== null,
      text: "Support triage, research and summarise, document Q&A, or an approval-gated email.",
      href: "/workflows",
      action: canEdit ? "Choose a template" : "See workflows",
    },
    {
      title: "Run it",
      done: latestRun !== null,
      text: "Fill in the trigger's fields and press Run in the editor; nodes light up as it goes.",
      href: workflow ? `/workflows/${workflow.id}` : undefined,
      action: workflow ? `Open ${workflow.name}` : undefined,
    },
    {
      title: "See it in Executions",
      done: completedRun !== null,
      text: "Every run, node by node: inputs, outputs, tokens and cost.",
      href: completedRun ? `/executions/${completedRun.id}` : latestRun ? `/executions/${latestRun.id}` : "/executions",
      action: completedRun ? "Open the completed run" : latestRun ? "Open the latest run" : "Open Executions",
    },
  ];
  const done = steps.filter((step) => step.done).length;
  return (
    <Card aria-labelledby="first-run-title">
      <CardTitle id="first-run-title">{done === steps.length ? "First steps: all done" : "First steps"}</CardTitle>
      <CardDescription>
        {done === steps.length ? "Your workspace has answered with an agent. Build on it from Workflows." : `From an empty workspace to an agent's answer — ${done} of ${steps.length} done.`}
      </CardDescription>
      <ol className="mt-4 grid gap-3" aria-label="First steps">
        {steps.map((step, index) => {
          const Icon = step.done ? CheckCircle2 : Circle;
          return (
            <li key={step.title} className="flex gap-3" data-done={step.done}>
              <Icon aria-hidden className={cn("mt-0.5 size-5 shrink-0", step.done ? "text-emerald-600" : "text-slate-300")} />
              <div className="min-w-0">
                <p className={cn("text-sm font-medium", step.done ? "text-slate-500" : "text-slate-900")}>
                  {index + 1}. {step.title}
                  <span className="sr-only">{step.done ? " (done)" : " (to do)"}</span>
                </p>
                <p className="text-xs text-slate-600">{step.text}</p>
                {!step.done && step.href && step.action ? (
                  <Link href={step.href} className="mt-1 inline-block text-sm font-medium text-brand-700 hover:underline">
                    {step.action} →
                  </Link>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
    </Card>
  );
}
