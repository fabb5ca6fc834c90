import path from "node:path";
import { expect, test } from "@playwright/test";
import { signInWithEmail, uniqueEmail } from "./support/mail";

const FIXTURES = path.resolve(import.meta.dirname, "../scripts/testing/knowledge-fixtures");

test("a knowledge base: create, upload a PDF, watch it ingest, search it", async ({ page }) => {
  await signInWithEmail(page, uniqueEmail("knowledge"));
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Knowledge" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Knowledge" })).toBeVisible();
  await page.getByLabel("Name").fill("Handbooks");
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Handbooks" })).toBeVisible();

  await page.locator('input[type="file"]').setInputFiles([path.join(FIXTURES, "llama-care.pdf"), path.join(FIXTURES, "expense-policy.docx")]);
  const documents = page.getByTestId("knowledge-documents");
  await expect(documents.getByRole("row").filter({ hasText: "llama-care.pdf" })).toContainText("ready", { timeout: 30_000 });
  await expect(documents.getByRole("row").filter({ hasText: "expense-policy.docx" })).toContainText("ready", { timeout: 30_000 });

  await page.getByLabel("Query").fill("How much may a hotel room cost per night?");
  await page.getByRole("button", { name: "Search" }).click();
  const first = page.getByTestId("knowledge-results").getByRole("listitem").first();
  await expect(first).toContainText("expense-policy.docx");
  await expect(first).toContainText("150 euros");
  await expect(first).toContainText("score");

  await documents.getByRole("button", { name: "llama-care.pdf" }).click();
  await expect(page.getByTestId("knowledge-chunks")).toContainText("grass hay");
});
