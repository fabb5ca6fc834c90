import { expect, test } from "@playwright/test";
import { signInWithEmail, uniqueEmail } from "./support/mail";

// A knowledge base's embedding credential is a use of it (docs/knowledge.md): the credentials page
// names the knowledge base, deleting asks first, and the knowledge base then takes another one.

test("deleting a knowledge base's embedding credential is warned, and the knowledge base takes another one", async ({ page }) => {
  await signInWithEmail(page, uniqueEmail("kb-credential"));
  const create = async (name: string) => ((await (await page.request.post("/api/v1/credentials", { data: { name, provider: "openai-compatible", baseUrl: "http://localhost:11434/v1" } })).json()) as { id: string }).id;
  const first = await create("Ollama A");
  const second = await create("Ollama B");
  const created = await page.request.post("/api/v1/knowledge-bases", { data: { name: "Handbook", embeddingCredentialId: first, embeddingModel: "nomic-embed-text", embeddingDimensions: 768 } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  await page.goto("/settings/credentials");
  const item = page.getByRole("listitem", { name: "Ollama A", exact: true });
  await expect(item).toContainText("Used by Handbook (knowledge base)");
  await item.getByRole("button", { name: "Delete Ollama A" }).click();
  const confirm = page.getByRole("dialog", { name: 'Delete "Ollama A"?' });
  await expect(confirm.getByRole("alert")).toContainText("A knowledge base uses it");
  await expect(confirm.getByRole("list", { name: "Where it is used" }).getByRole("link", { name: "Handbook" })).toHaveAttribute("href", `/knowledge/${id}`);
  await confirm.getByRole("button", { name: "Delete anyway" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("listitem", { name: "Ollama A", exact: true })).toHaveCount(0);

  await page.goto(`/knowledge/${id}`);
  const embeddings = page.getByRole("region", { name: "Embeddings" });
  await expect(embeddings).toContainText("through a credential that no longer exists");
  await expect(embeddings.getByRole("alert")).toContainText("full-text search still works");
  await embeddings.getByLabel("Embedding credential").selectOption({ label: "Ollama B (openai-compatible)" });
  await embeddings.getByRole("button", { name: "Use this credential" }).click();
  await expect(embeddings).toContainText("through Ollama B");
  await expect(embeddings.getByRole("alert")).toHaveCount(0);
  const stored = (await (await page.request.get(`/api/v1/knowledge-bases/${id}`)).json()) as { embeddingCredentialId: string };
  expect(stored.embeddingCredentialId).toBe(second);
});
