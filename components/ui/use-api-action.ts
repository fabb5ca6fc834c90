"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "sonner";

/**
 * Runs an API call, toasts the outcome and refreshes the server-rendered page on success.
 * Returns [run, pending].
 */
export function useApiAction(): [(action: () => Promise<unknown>, success?: string) => void, boolean] {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const run = (action: () => Promise<unknown>, success?: string) =>
    startTransition(async () => {
      try {
        await action();
        if (success) toast.success(success);
        router.refresh();
      } catch (error) {
        toast.error(error instanceof Error ? error.message : "Something went wrong.");
      }
    });
  return [run, pending];
}
