"use client";

import { useEffect, useMemo, useState } from "react";
import { Input } from "@/components/ui/input";
import { approvalRecipients } from "@/lib/engine/nodes/approval/schema";
import { apiRequest } from "@/lib/ui/api-request";

type Member = { userId: string; email: string; name: string | null; role: string };

// Viewers cannot decide approvals (lib/approvals/request-approval.ts asks editors and above).
const CAN_APPROVE = new Set(["editor", "admin", "owner"]);

/**
 * Who an approval asks, picked from the workspace's members by name or email. Stored as the
 * approval node always stored it: `notifyMembers`, emails separated by commas.
 */
export function MemberPicker({ id, label, value, onChange, readOnly }: { id: string; label: string; value: string; onChange: (value: string) => void; readOnly: boolean }) {
  const [members, setMembers] = useState<Member[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [query, setQuery] = useState("");
  useEffect(() => {
    let live = true;
    apiRequest<{ items: Member[] }>("GET", "/api/v1/members").then(
      (list) => live && setMembers(list.items),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);

  const chosen = approvalRecipients({ notifyMembers: value });
  const byEmail = useMemo(() => new Map((members ?? []).map((member) => [member.email.toLowerCase(), member])), [members]);
  const needle = query.trim().toLowerCase();
  const matches = (members ?? []).filter((member) => !chosen.includes(member.email.toLowerCase()) && (!needle || member.email.toLowerCase().includes(needle) || (member.name ?? "").toLowerCase().includes(needle)));
  const set = (emails: string[]) => onChange(emails.join(", "));

  return (
    <div className="space-y-1">
      <ul className="flex flex-wrap gap-1" aria-label={`${label}: chosen`}>
        {chosen.length === 0 ? <li className="text-xs text-slate-500">Nobody by name.</li> : null}
        {chosen.map((email) => {
          const member = byEmail.get(email);
          const problem = members && !member ? "not a member" : member && !CAN_APPROVE.has(member.role) ? "viewer: cannot approve" : null;
          return (
            <li key={email} className={`flex items-center gap-1 rounded-full px-2 py-0.5 text-xs ${problem ? "bg-amber-100 text-amber-900" : "bg-brand-50 text-brand-700"}`}>
              <span>{member?.name ? `${member.name} <${email}>` : email}</span>
              {problem ? <span>({problem})</span> : null}
              {!readOnly ? (
                <button type="button" aria-label={`Remove ${email}`} className="ml-0.5 text-slate-500 hover:text-slate-900" onClick={() => set(chosen.filter((other) => other !== email))}>
                  ×
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
      {!readOnly ? (
        <>
          <Input id={id} aria-label={`${label}: search members`} placeholder="Search members by name or email" className="h-8 text-xs" value={query} onChange={(event) => setQuery(event.target.value)} />
          {failed ? <p className="text-xs text-rose-600">The member list could not be loaded.</p> : null}
          {members && query ? (
            <ul className="max-h-40 overflow-y-auto rounded-lg border border-slate-200" role="listbox" aria-label={`${label}: matching members`}>
              {matches.length === 0 ? <li className="px-2 py-1 text-xs text-slate-500">No matching member.</li> : null}
              {matches.map((member) => {
                const allowed = CAN_APPROVE.has(member.role);
                return (
                  <li key={member.userId} role="option" aria-selected={false} aria-disabled={!allowed}>
                    <button
                      type="button"
                      disabled={!allowed}
                      className="flex w-full justify-between gap-2 px-2 py-1 text-left text-xs hover:bg-slate-50 disabled:cursor-not-allowed disabled:text-slate-400"
                      onClick={() => {
                        set([...chosen, member.email.toLowerCase()]);
                        setQuery("");
                      }}
                    >
                      <span>
                        {member.name ?? member.email} <span className="text-slate-500">{member.name ? member.email : ""}</span>
                      </span>
                      <span className="text-slate-400">{allowed ? member.role : "viewer: cannot approve"}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
