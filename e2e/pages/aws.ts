import { expect, type Locator, type Page } from "@playwright/test";

export const DEMO_EMAIL = process.env.DEMO_EMAIL ?? "demo@example.com";
export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? "DesignerDemo1!";

/** Sign-in, Submit and Runs, by the accessible names of DESIGN.md §6. */
export class AwsPage {
  constructor(readonly page: Page) {}

  get toolbar(): Locator {
    return this.page.getByRole("toolbar", { name: "Designer toolbar" });
  }

  get signInDialog(): Locator {
    return this.page.getByRole("dialog", { name: "Sign in" });
  }

  get submitDialog(): Locator {
    return this.page.getByRole("dialog", { name: "Submit pipeline" });
  }

  get runs(): Locator {
    return this.page.getByRole("region", { name: "Runs" });
  }

  get signedInUser(): Locator {
    return this.toolbar.getByLabel("Signed-in user");
  }

  /** Fills the sign-in dialog (opening it from the toolbar unless it is already open). */
  async signIn(email = DEMO_EMAIL, password = DEMO_PASSWORD): Promise<void> {
    if (!(await this.signInDialog.isVisible()))
      await this.toolbar.getByRole("button", { name: "Sign in", exact: true }).click();
    await this.signInDialog.getByLabel("Email").fill(email);
    await this.signInDialog.getByLabel("Password", { exact: true }).fill(password);
    await this.signInDialog.getByRole("button", { name: "Sign in", exact: true }).click();
  }

  async signedIn(email = DEMO_EMAIL): Promise<void> {
    await expect(this.signedInUser).toHaveText(email);
  }

  /** Signs in with the demo user, then opens Submit's review. */
  async signInAndReview(): Promise<void> {
    await this.signIn();
    await this.signedIn();
    await this.openReview();
  }

  /** Opens Submit and waits for the review (what is deployed has been read). */
  async openReview(): Promise<void> {
    await this.toolbar.getByRole("button", { name: "Submit", exact: true }).click();
    await expect(this.confirmButton).toBeVisible();
  }

  get confirmButton(): Locator {
    return this.submitDialog.getByRole("button", { name: /^Confirm:/ });
  }

  get retryButton(): Locator {
    return this.submitDialog.getByRole("button", { name: "Retry", exact: true });
  }

  stage(label: RegExp | string): Locator {
    return this.submitDialog
      .getByRole("list", { name: "Submission progress" })
      .getByRole("listitem", {
        name: label,
      });
  }

  get startedArn(): Locator {
    return this.submitDialog
      .getByRole("status")
      .filter({ hasText: "Execution started" })
      .locator("code");
  }

  async closeSubmit(): Promise<void> {
    await this.submitDialog.getByRole("button", { name: "Close", exact: true }).click();
    await expect(this.submitDialog).toBeHidden();
  }

  /** The run status a canvas node shows, e.g. "Run status: Succeeded". */
  runStatus(stepName: string): Locator {
    return this.page.getByRole("group", { name: stepName, exact: true }).getByRole("status", {
      name: /^Run status:/,
    });
  }
}
