import type { Actor } from "@/lib/auth/actor";
import type { Tx } from "@/lib/db";
import { listNodeReferences } from "@/lib/workflows/list-node-references";

export type CredentialUsage = {
  credentialId: string;
  workflowId: string;
  workflowName: string;
  /** Nodes of the draft and of the active (published) version that name the credential. */
  draftNodeIds: string[];
  activeNodeIds: string[];
};

/**
 * Which workflows use which credentials: nodes (and agents' HTTP tools) that name the credential
 * in the draft graph or in the active version. `credentialId` narrows it to one credential.
 */
export async function listCredentialUsage(actor: Actor, { credentialId }: { credentialId?: string } = {}, { tx }: { tx?: Tx } = {}): Promise<CredentialUsage[]> {
  const usage = await listNodeReferences(actor, { kind: "credential", referenceId: credentialId }, { tx });
  return usage.map(({ referenceId, ...rest }) => ({ credentialId: referenceId, ...rest }));
}
