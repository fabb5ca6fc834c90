"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { Input, Label, Select } from "@/components/ui/input";
import { useApiAction } from "@/components/ui/use-api-action";
import { apiRequest } from "@/lib/ui/api-request";

export type MemberRow = { userId: string; email: string | null; name: string | null; role: string; joinedAt: string };
export type InvitationRow = { id: string; email: string; role: string; status: string; expiresAt: string };

const INVITE_ROLES = ["viewer", "editor", "admin"];

type Props = {
  currentUserId: string;
  currentRole: string;
  members: MemberRow[];
  invitations: InvitationRow[] | null;
};

export function MembersPanel({ currentUserId, currentRole, members, invitations }: Props) {
  const [run, pending] = useApiAction();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState("editor");
  const canManage = currentRole === "admin" || currentRole === "owner";
  const isOwner = currentRole === "owner";

  return (
    <div className="grid gap-4">
      {canManage ? (
        <Card>
          <CardTitle>Invite a teammate</CardTitle>
          <CardDescription>They get an email with a link that is valid for 7 days.</CardDescription>
          <form
            className="mt-3 grid gap-2 sm:grid-cols-[1fr_10rem_auto] sm:items-end"
            onSubmit={(event) => {
              event.preventDefault();
              run(async () => {
                await apiRequest("POST", "/api/v1/invitations", { email, role });
                setEmail("");
              }, `Invitation sent to ${email}`);
            }}
          >
            <div>
              <Label htmlFor="invite-email">Email</Label>
              <Input id="invite-email" type="email" required value={email} onChange={(event) => setEmail(event.target.value)} placeholder="teammate@company.com" />
            </div>
            <div>
              <Label htmlFor="invite-role">Role</Label>
              <Select id="invite-role" value={role} onChange={(event) => setRole(event.target.value)}>
                {INVITE_ROLES.map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
              </Select>
            </div>
            <Button type="submit" disabled={pending || !email}>
              Send invitation
            </Button>
          </form>
        </Card>
      ) : null}

      <Card>
        <CardTitle>Members</CardTitle>
        <ul className="mt-2 divide-y divide-slate-100" aria-label="Members">
          {members.map((member) => {
            const self = member.userId === currentUserId;
            const editable = canManage && (isOwner || member.role !== "owner");
            const roleOptions = isOwner ? ["owner", ...INVITE_ROLES] : INVITE_ROLES;
            return (
              <li key={member.userId} className="flex flex-wrap items-center justify-between gap-2 py-3" data-testid={`member-${member.email}`}>
                <div className="min-w-0">
                  <p className="truncate text-sm font-medium text-slate-900">
                    {member.email} {self ? <span className="text-slate-500">(you)</span> : null}
                  </p>
                  <p className="text-xs text-slate-500">Joined {new Date(member.joinedAt).toLocaleDateString()}</p>
                </div>
                <div className="flex items-center gap-2">
                  {editable ? (
                    <Select
                      aria-label={`Role of ${member.email}`}
                      className="h-8 w-32"
                      value={member.role}
                      disabled={pending}
                      onChange={(event) =>
                        run(
                          () => apiRequest("PATCH", `/api/v1/members/${member.userId}`, { role: event.target.value }),
                          `${member.email} is now ${event.target.value}`,
                        )
                      }
                    >
                      {roleOptions.map((option) => (
                        <option key={option} value={option}>
                          {option}
                        </option>
                      ))}
                    </Select>
                  ) : (
                    <Badge>{member.role}</Badge>
                  )}
                  {editable && !self ? (
                    <Button
                      variant="ghost"
                      size="sm"
                      disabled={pending}
                      aria-label={`Remove ${member.email}`}
                      onClick={() => run(() => apiRequest("DELETE", `/api/v1/members/${member.userId}`), `${member.email} was removed`)}
                    >
                      Remove
                    </Button>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      </Card>

      {invitations ? (
        <Card>
          <CardTitle>Pending invitations</CardTitle>
          {invitations.length === 0 ? (
            <CardDescription>No pending invitations.</CardDescription>
          ) : (
            <ul className="mt-2 divide-y divide-slate-100" aria-label="Pending invitations">
              {invitations.map((invitation) => (
                <li key={invitation.id} className="flex flex-wrap items-center justify-between gap-2 py-3" data-testid={`invitation-${invitation.email}`}>
                  <div>
                    <p className="text-sm font-medium text-slate-900">{invitation.email}</p>
                    <p className="text-xs text-slate-500">
                      {invitation.role} · {invitation.status === "expired" ? "expired" : `expires ${new Date(invitation.expiresAt).toLocaleDateString()}`}
                    </p>
                  </div>
                  <div className="flex gap-1">
                    <Button variant="secondary" size="sm" disabled={pending} onClick={() => run(() => apiRequest("POST", `/api/v1/invitations/${invitation.id}/resend`), `Invitation resent to ${invitation.email}`)}>
                      Resend
                    </Button>
                    <Button variant="ghost" size="sm" disabled={pending} onClick={() => run(() => apiRequest("DELETE", `/api/v1/invitations/${invitation.id}`), "Invitation revoked")}>
                      Revoke
                    </Button>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Card>
      ) : null}
    </div>
  );
}
