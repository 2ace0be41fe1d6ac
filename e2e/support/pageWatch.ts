import type { BrowserContext, Page } from "@playwright/test";

/** What a page reported that a user would never see: CSP refusals, console errors, uncaught errors. */
export interface PageReports {
  violations: string[];
  consoleErrors: string[];
  pageErrors: string[];
  dialogs: string[];
}

declare global {
  interface Window {
    __cspViolations?: string[];
    __xss?: unknown;
  }
}

/**
 * Records CSP violations (in the page and in its dedicated workers, through the console),
 * console errors, uncaught errors and dialogs of every page of the context from its first script.
 * Dialogs are dismissed: an alert() opened by a payload must not hang the test.
 */
export async function watchPages(context: BrowserContext): Promise<PageReports> {
  const reports: PageReports = { violations: [], consoleErrors: [], pageErrors: [], dialogs: [] };
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      window.__cspViolations!.push(
        `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  const watch = (page: Page) => {
    page.on("console", (message) => {
      if (message.type() === "error") reports.consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => reports.pageErrors.push(String(error)));
    page.on("dialog", (dialog) => {
      reports.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss().catch(() => undefined);
    });
    page.on("worker", (worker) =>
      worker.on("console", (message) => {
        if (message.type() === "error") reports.consoleErrors.push(`worker: ${message.text()}`);
      }),
    );
  };
  context.pages().forEach(watch);
  context.on("page", watch);
  return reports;
}

/** The page's recorded CSP violations plus any the console reported ("Refused to …"). */
export async function cspViolations(page: Page, reports: PageReports): Promise<string[]> {
  const inPage = await page.evaluate(() => window.__cspViolations ?? []);
  return [
    ...inPage,
    ...reports.consoleErrors.filter((text) => /Content Security Policy/i.test(text)),
  ];
}
