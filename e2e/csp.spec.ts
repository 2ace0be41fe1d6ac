import { expect, test } from "@playwright/test";
import { CodePage } from "./pages/code";
import { PreviewsPage } from "./pages/previews";
import { EMULATOR_URL, executionsOf, resetControls } from "./support/emulator";
import { cspViolations, watchPages } from "./support/pageWatch";
import { openUniqueExample } from "./support/uniqueDesign";

test.describe.configure({ timeout: 60_000 });
test.beforeEach(() => resetControls());

test("under its CSP the app signs in, lays out, previews, edits code and submits without one violation", async ({
  context,
  page,
}) => {
  const reports = await watchPages(context);
  const response = await page.goto("/");
  const policy = response!.headers()["content-security-policy"] ?? "";
  // WASM compiling alone: no eval, no inline script (scripts/csp.mjs).
  expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval';");
  expect(policy).not.toContain("'unsafe-eval'");
  expect(policy).toContain("style-src-attr 'none'");
  // The preview serves the emulator's origin alone: not even AWS is reachable from this build.
  expect(policy).toMatch(new RegExp(`connect-src 'self' ${EMULATOR_URL};`));

  const { designer, aws, name } = await openUniqueExample(page, "csp");
  await designer.button("Auto layout").click();
  await expect(designer.announcements).toContainText("Laid out the pipeline");
  await designer.canvas.select("PyTorchTraining");
  const previews = new PreviewsPage(page);
  for (const tab of ["Channels", "Metrics", "Definition"] as const) await previews.show(tab);
  await expect(page.getByRole("tabpanel", { name: "Definition" })).toContainText("PyTorchTraining");
  const code = new CodePage(page);
  await code.file("train.py").click();
  await expect(code.editor("train.py")).toBeVisible();

  await aws.signInAndReview();
  await aws.confirmButton.click();
  await expect(aws.startedArn).toContainText(`pipeline/${name}/execution/`);
  expect(await executionsOf(name)).toHaveLength(1);

  expect(await cspViolations(page, reports)).toEqual([]);
  expect(reports.pageErrors).toEqual([]);
  // The browser logs every 4xx answer; a missing object or pipeline is how the review learns it
  // has to upload or create.
  expect(
    reports.consoleErrors.filter(
      (text) =>
        !/^Failed to load resource: the server responded with a status of 40[04]/.test(text),
    ),
  ).toEqual([]);
});

test("the CSP refuses an injected inline script, an inline handler, a string timer and a foreign host", async ({
  context,
  page,
}) => {
  const reports = await watchPages(context);
  await openUniqueExample(page, "csp");
  const outcome = await page.evaluate(async () => {
    const script = document.createElement("script");
    script.textContent = "window.__xss = 'inline script';";
    document.head.append(script);
    const image = document.createElement("div");
    image.innerHTML = `<img src="data:," onerror="window.__xss='inline handler'">`;
    document.body.append(image);
    // A string timer is eval run later, outside this evaluate (which the CSP does not govern).
    const timer = setTimeout as unknown as (code: string, ms: number) => number;
    timer("document.body.dataset.evaluated = 'yes';", 0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    let fetchRefused = false;
    try {
      // Port 9 on loopback: never a real server, and CSP refuses it before any packet is sent.
      await fetch("http://127.0.0.1:9/exfiltrate");
    } catch {
      fetchRefused = true;
    }
    image.remove();
    return { xss: window.__xss, evaluated: document.body.dataset.evaluated, fetchRefused };
  });
  expect(outcome).toEqual({
    xss: undefined,
    evaluated: undefined,
    fetchRefused: true,
  });
  for (const directive of ["script-src-elem", "script-src-attr", "connect-src", "script-src"])
    await expect
      .poll(async () => (await cspViolations(page, reports)).join("\n"))
      .toContain(`${directive} blocked`);
});

test("the page refuses eval and new Function, and the submit review's schema check runs without them", async ({
  context,
  page,
}) => {
  const reports = await watchPages(context);
  // The schema check is a chunk of its own, loaded once edits settle (the Problems list and the
  // submit review read it, src/store/diagnostics.ts); it used to compile the schema with new
  // Function, which this policy refuses.
  const schemaChunk = page.waitForResponse((response) =>
    /^\/assets\/schema-[\w-]+\.js$/.test(new URL(response.url()).pathname),
  );
  const { aws } = await openUniqueExample(page, "csp");
  await aws.signInAndReview();
  expect((await schemaChunk).ok()).toBe(true);
  // The review reached its normal state: the check found nothing and did not fail to run.
  await expect(aws.confirmButton).toBeEnabled();
  await expect(aws.submitDialog).not.toContainText("definition schema");
  expect(await cspViolations(page, reports)).toEqual([]);
  expect(reports.pageErrors).toEqual([]);

  // page.evaluate's own code is exempt from the CSP (DevTools may evaluate), so the attempts run
  // later, as a task of the page, where its policy applies.
  const outcome = await page.evaluate(
    () =>
      new Promise<Record<string, string>>((resolve) =>
        setTimeout(() => {
          const attempt = (run: () => unknown) => {
            try {
              return `ran: ${String(run())}`;
            } catch (error) {
              return error instanceof EvalError ? "EvalError" : String(error);
            }
          };
          const indirectEval = eval;
          resolve({
            eval: attempt(() => indirectEval("1 + 1")),
            newFunction: attempt(() => (new Function("return 1 + 1") as () => number)()),
          });
        }, 0),
      ),
  );
  expect(outcome).toEqual({ eval: "EvalError", newFunction: "EvalError" });
  await expect
    .poll(async () => (await cspViolations(page, reports)).join("\n"))
    .toContain("script-src blocked eval");
});
