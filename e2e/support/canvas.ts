import type { Page } from "@playwright/test";

/** Drags a connection from a node's output handle to another node's input, as a person does. */
export async function connect(page: Page, from: string, to: string, sourceHandle?: string) {
  const source = await page.locator(`.react-flow__node[data-id="${from}"] .react-flow__handle.source${sourceHandle ? `[data-handleid="${sourceHandle}"]` : ""}`).boundingBox();
  const target = await page.locator(`.react-flow__node[data-id="${to}"] .react-flow__handle.target`).boundingBox();
  if (!source || !target) throw new Error(`handles of ${from} → ${to} are not on screen`);
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 12 });
  await page.mouse.up();
}

/** Drops a palette entry on the canvas at (x, y) of the canvas pane: the card lands centred there. */
export async function dropFromPalette(page: Page, type: string, x: number, y: number) {
  await page.getByTestId(`palette-${type}`).dragTo(page.locator(".react-flow__pane"), { targetPosition: { x, y } });
}
