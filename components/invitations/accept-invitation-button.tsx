"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { apiRequest } from "@/lib/ui/api-request";

export function AcceptInvitationButton({ token, workspaceName }: { token: string; workspaceName: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <Button
      className="w-full"
      disabled={pending}
      onClick={() =>
        startTransition(async () => {
          try {
            await apiRequest("POST", "/api/v1/invitations/accept", { token });
            toast.success(`Welcome to ${workspaceName}`);
            router.push("/");
            router.refresh();
          } catch (error) {
            toast.error(error instanceof Error ? error.message : "Could not accept the invitation.");
          }
        })
      }
    >
      {pending ? "Joining…" : "Accept invitation"}
    </Button>
  );
}
