import { expect, type Locator, type Page } from "@playwright/test";
import { CanvasPage } from "./canvas";
import { InspectorPage } from "./inspector";

export type Branch = "if_true" | "if_false";
const BRANCH_LABELS: Record<Branch, string> = { if_true: "if true", if_false: "if false" };

/** An operand as a test gives it: by kind, with the value as the form shows it. */
export type OperandInput =
  | { literal: string }
  | { parameter: string }
  /** "StepName.metric", as the metric picker lists it. */
  | { metric: string }
  | { property: { step: string; path: string } };

/**
 * The gated steps' controls (docs/gated-steps.md): branch ports on the canvas ("if true" /
 * "if false" → a node's branch input at its top), the inspector's "Run in branch" picker and a
 * condition's "Branches", and the forms of conditions, fail messages, report metrics and retry
 * policies — by accessible names only.
 */
export class GatedPage {
  readonly canvas: CanvasPage;
  readonly inspector: InspectorPage;

  constructor(readonly page: Page) {
    this.canvas = new CanvasPage(page);
    this.inspector = new InspectorPage(page);
  }

  /** Waits until the canvas view is steady (see CanvasPage.steadyView). */
  async steadyView(): Promise<void> {
    await this.canvas.steadyView();
  }

  /** Drags a branch link from a condition's "if true" / "if false" to a step's branch input. */
  async branchLink(
    condition: string,
    branch: Branch,
    target: string,
    startAt: "output" | "input" = "output",
  ): Promise<void> {
    await this.canvas.link(
      { step: condition, output: branch },
      { step: target, input: "branch" },
      startAt,
    );
  }

  /** The selected step's "Inputs" region of the side panel. */
  get inputs(): Locator {
    return this.inspector.root.getByRole("region", { name: "Inputs", exact: true });
  }

  get runInBranch(): Locator {
    return this.inputs.getByLabel("Run in branch", { exact: true });
  }

  /** Keyboard path: puts the selected step in a condition's branch from the "Run in branch" picker. */
  async putInBranch(conditionName: string, branch: Branch): Promise<void> {
    await this.runInBranch.focus();
    await this.runInBranch.selectOption({ label: `${conditionName}: ${BRANCH_LABELS[branch]}` });
    await expect(this.inputs).toContainText(
      `Runs in branch "${BRANCH_LABELS[branch]}" of ${conditionName}`,
    );
  }

  /** A condition's "Branches" region (shown when the condition is selected). */
  get branches(): Locator {
    return this.inspector.root.getByRole("region", { name: "Branches", exact: true });
  }

  members(branch: Branch): Locator {
    return this.branches.getByRole("list", { name: `Steps run ${BRANCH_LABELS[branch]}` });
  }

  control(name: string): Locator {
    return this.inspector.root.getByLabel(name, { exact: true });
  }

  /** Presses a button of the inspector from the keyboard (focus, Enter). */
  async press(name: string): Promise<void> {
    const button = this.inspector.root.getByRole("button", { name, exact: true });
    await button.focus();
    await this.page.keyboard.press("Enter");
  }

  /** Sets one operand of a condition: its kind, then its value, each one commit. */
  async setOperand(label: string, operand: OperandInput): Promise<void> {
    const kind =
      "literal" in operand
        ? "literal"
        : "parameter" in operand
          ? "parameter"
          : "metric" in operand
            ? "metric"
            : "property";
    await this.control(`${label} kind`).selectOption(kind);
    if ("literal" in operand) {
      const field = this.control(`${label} literal`);
      await field.fill(operand.literal);
      await field.press("Enter");
    } else if ("parameter" in operand) {
      await this.control(`${label} parameter`).selectOption(operand.parameter);
    } else if ("metric" in operand) {
      await this.control(`${label} metric`).selectOption({ label: operand.metric });
    } else {
      await this.control(`${label} step`).selectOption({ label: operand.property.step });
      const path = this.control(`${label} property path`);
      await path.fill(operand.property.path);
      await path.press("Enter");
    }
  }

  /** Sets "Condition N" to a comparison (`type` as the definition names it, e.g. GreaterThanOrEqualTo). */
  async setComparison(
    index: number,
    comparison: { type: string; left: OperandInput; right: OperandInput },
  ): Promise<void> {
    const label = `Condition ${index}`;
    await this.control(`${label} type`).selectOption(comparison.type);
    await this.setOperand(`${label} left`, comparison.left);
    await this.setOperand(`${label} right`, comparison.right);
  }
}
