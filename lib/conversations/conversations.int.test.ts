import { describe, expect, it } from "vitest";
import { workspaceActor } from "@/lib/auth/workspace-actor";
import { appendConversationMessages } from "@/lib/conversations/append-conversation-messages";
import { deleteConversation } from "@/lib/conversations/delete-conversation";
import { getConversation } from "@/lib/conversations/get-conversation";
import { listConversations } from "@/lib/conversations/list-conversations";
import { loadConversationMessages } from "@/lib/conversations/load-conversation-messages";
import { createTeam } from "@/scripts/testing/fixtures";

describe("agent memory (conversations)", () => {
  it("appends exchanges, loads the last N starting with a user message, and is scoped to the workspace", async () => {
    const { workspace } = await createTeam();
    const other = (await createTeam()).workspace;
    for (let n = 1; n <= 3; n++) {
      await appendConversationMessages({ workspaceId: workspace.id, key: "thread-1", messages: [{ role: "user", content: `q${n}` }, { role: "assistant", content: `a${n}` }] });
    }
    expect(await loadConversationMessages({ workspaceId: workspace.id, key: "thread-1", maxMessages: 4 })).toEqual([
      { role: "user", content: "q2" }, { role: "assistant", content: "a2" }, { role: "user", content: "q3" }, { role: "assistant", content: "a3" },
    ]);
    // A window of 3 would start with an answer: it starts at the next question instead.
    expect((await loadConversationMessages({ workspaceId: workspace.id, key: "thread-1", maxMessages: 3 })).map((message) => message.content)).toEqual(["q3", "a3"]);
    expect(await loadConversationMessages({ workspaceId: other.id, key: "thread-1", maxMessages: 10 })).toEqual([]);

    const actor = workspaceActor(workspace.id);
    const { items } = await listConversations(actor);
    expect(items).toMatchObject([{ key: "thread-1", messageCount: 6 }]);
    const conversation = await getConversation(actor, { conversationId: items[0]!.id });
    expect(conversation.messages.map((message) => message.content)).toEqual(["q1", "a1", "q2", "a2", "q3", "a3"]);
    await expect(getConversation(workspaceActor(other.id), { conversationId: items[0]!.id })).rejects.toThrow(/not found/);
    await expect(deleteConversation(workspaceActor(other.id), { conversationId: items[0]!.id })).rejects.toThrow(/not found/);
    await deleteConversation(actor, { conversationId: items[0]!.id });
    expect(await loadConversationMessages({ workspaceId: workspace.id, key: "thread-1", maxMessages: 10 })).toEqual([]);
  });
});
