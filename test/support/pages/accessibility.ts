/**
 * axe-core on the page as it stands. Only serious and critical violations fail a test; each is
 * described by its rule id, its help text and the selectors of the elements that break it, so a
 * failure says where to look.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";

export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}
