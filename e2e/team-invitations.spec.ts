import { expect, test } from "@playwright/test";
import { INVITATION_LINK, linkFromNextEmail, signInWithEmail, uniqueEmail } from "./support/mail";

test("an owner invites a teammate by email link, then demotes them to viewer", async ({ browser }) => {
  const alice = uniqueEmail("alice");
  const bob = uniqueEmail("bob");
  const aliceContext = await browser.newContext();
  const bobContext = await browser.newContext();
  const a = await aliceContext.newPage();
  const b = await bobContext.newPage();

  // Alice signs in with a magic link and gets her own workspace.
  await signInWithEmail(a, alice);
  await expect(a.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(a.getByTestId("current-role")).toHaveText("owner");
  const workspaceName = await a.getByLabel("Workspace").locator("option:checked").textContent();

  // She invites Bob as editor; the invitation email arrives over SMTP.
  await a.goto("/settings/members");
  const invitationLink = await linkFromNextEmail(a, bob, INVITATION_LINK, async () => {
    await a.getByLabel("Email", { exact: true }).fill(bob);
    await a.getByLabel("Role", { exact: true }).selectOption("editor");
    await a.getByRole("button", { name: "Send invitation" }).click();
    await expect(a.getByTestId(`invitation-${bob}`)).toContainText("editor");
  });

  // Bob opens the link signed out, signs in through it, and accepts.
  await b.goto(invitationLink);
  await expect(b.getByText(`invited ${bob} to join`)).toBeVisible();
  await b.getByRole("link", { name: "Sign in to accept" }).click();
  await expect(b.getByLabel("Email")).toHaveValue(bob);
  await signInWithEmail(b, bob);
  await expect(b).toHaveURL(/\/invite\//);
  await b.getByRole("button", { name: "Accept invitation" }).click();
  await expect(b.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(b.getByLabel("Workspace").locator("option:checked")).toHaveText(workspaceName!);
  await expect(b.getByTestId("current-role")).toHaveText("editor");

  // As an editor, Bob creates a workflow.
  await b.goto("/workflows");
  await b.getByLabel("Name").fill("Bob's triage");
  await b.getByRole("button", { name: "Create workflow" }).click();
  await expect(b.getByRole("toolbar", { name: "Editor" })).toBeVisible(); // creating opens the editor
  await b.goto("/workflows");
  await expect(b.getByRole("list", { name: "Workflows" })).toContainText("Bob's triage");

  // Alice sees Bob and demotes him to viewer.
  await a.goto("/settings/members");
  await expect(a.getByTestId(`invitation-${bob}`)).toHaveCount(0);
  await a.getByLabel(`Role of ${bob}`).selectOption("viewer");
  await expect(a.getByText(`${bob} is now viewer`)).toBeVisible();

  // Bob can no longer edit: no create form, no delete, and the API refuses.
  await b.reload();
  await expect(b.getByTestId("current-role")).toHaveText("viewer");
  await expect(b.getByRole("note")).toHaveText(/read-only/);
  await expect(b.getByRole("button", { name: "Create workflow" })).toHaveCount(0);
  await expect(b.getByRole("button", { name: "Delete Bob's triage" })).toHaveCount(0);
  const attempt = await b.request.post("/api/v1/workflows", { data: { name: "Sneaky" } });
  expect(attempt.status()).toBe(403);
  expect(attempt.headers()["content-type"]).toBe("application/problem+json");

  // The activity log shows what happened.
  await a.goto("/settings/activity");
  await expect(a.getByRole("table")).toContainText("member.role_changed");
  await expect(a.getByRole("table")).toContainText("invitation.accepted");
  await expect(a.getByRole("table")).toContainText("user.signed_in");

  await aliceContext.close();
  await bobContext.close();
});

test("an invitation opened by someone else is refused with a clear page", async ({ browser }) => {
  const owner = uniqueEmail("owner");
  const invitee = uniqueEmail("invitee");
  const intruder = uniqueEmail("intruder");
  const ownerPage = await (await browser.newContext()).newPage();
  await signInWithEmail(ownerPage, owner);
  await ownerPage.goto("/settings/members");
  const link = await linkFromNextEmail(ownerPage, invitee, INVITATION_LINK, async () => {
    await ownerPage.getByLabel("Email", { exact: true }).fill(invitee);
    await ownerPage.getByRole("button", { name: "Send invitation" }).click();
    await expect(ownerPage.getByTestId(`invitation-${invitee}`)).toBeVisible();
  });

  const other = await (await browser.newContext()).newPage();
  await signInWithEmail(other, intruder);
  await other.goto(link);
  await expect(other.getByRole("heading", { name: "Wrong account" })).toBeVisible();
  await expect(other.getByText(/^This invitation is for/)).toContainText(`This invitation is for ${invitee}, but you are signed in as ${intruder}`);

  // Revoked, the link says so.
  await ownerPage.getByTestId(`invitation-${invitee}`).getByRole("button", { name: "Revoke" }).click();
  await expect(ownerPage.getByTestId(`invitation-${invitee}`)).toHaveCount(0);
  await other.reload();
  await expect(other.getByText("This invitation was revoked.")).toBeVisible();
});
