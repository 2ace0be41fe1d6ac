import { expect, test } from "@playwright/test";
import { CodePage } from "./pages/code";
import { AJV_NEEDS_EVAL } from "../scripts/csp.mjs";
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
  expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(policy).toContain("style-src-attr 'none'");
  // 'unsafe-eval' only while ajv compiles in the browser (scripts/csp.mjs); never inline script.
  expect(policy).toMatch(AJV_NEEDS_EVAL ? /'unsafe-eval'/ : /^(?!.*'unsafe-eval')/);
  expect(/script-src [^;]*/.exec(policy)?.[0]).not.toContain("'unsafe-inline'");
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

test("the CSP refuses an injected inline script, an inline handler and a foreign host (and eval once ajv is built ahead)", async ({
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
    evaluated: AJV_NEEDS_EVAL ? "yes" : undefined,
    fetchRefused: true,
  });
  const refused = ["script-src-elem", "script-src-attr", "connect-src"];
  for (const directive of AJV_NEEDS_EVAL ? refused : [...refused, "script-src"])
    await expect
      .poll(async () => (await cspViolations(page, reports)).join("\n"))
      .toContain(`${directive} blocked`);
});
