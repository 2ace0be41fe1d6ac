import { expect, test, type Page } from "@playwright/test";
import { GatedPage } from "./pages/gated";
import { DesignerPage } from "./pages/designerPage";
import { PreviewsPage } from "./pages/previews";
import { cliCompile } from "./support/cli";

// The gated XGBoost pipeline of docs/gated-steps.md, built from an empty canvas: load →
// preprocess → train → evaluate → condition (AUC ≥ 0.7); if true register + create the model +
// batch transform, else fail with a message.

const HYPERPARAMETERS: [string, string][] = [
  ["id_name", "customer_id"],
  ["label_name", "target"],
  ["full_field_list", "customer_id, target, feature1, feature2, feature3"],
  ["tab_field_list", "feature1, feature2"],
  ["cat_field_list", "feature3"],
  ["num_round", "100"],
  ["max_depth", "6"],
];

const DATA_LINKS = [
  ["dataload", "DATA", "tabularpreprocessing", "DATA"],
  ["tabularpreprocessing", "processed_data", "xgboosttraining", "input_path"],
  ["xgboosttraining", "model_output", "xgboostevaluation", "model_input"],
  ["tabularpreprocessing", "processed_data", "xgboostevaluation", "processed_data"],
  ["xgboosttraining", "model_output", "xgboostregistermodel", "model_data"],
  ["xgboostevaluation", "evaluation", "xgboostregistermodel", "evaluation"],
  ["xgboosttraining", "model_output", "xgboostmodel", "model_data"],
  ["xgboostmodel", "model_name", "batchtransform", "model_name"],
  ["tabularpreprocessing", "processed_data", "batchtransform", "input_data"],
] as const;

const FAIL_MESSAGE = "AUC {XGBoostEvaluation.auc} is below 0.7";

async function addHyperparameters(page: Page, rows: [string, string][]) {
  for (const [key, value] of rows) {
    await page.getByLabel("New hyperparameter key").fill(key);
    await page.getByLabel("New hyperparameter key").press("Enter");
    const field = page.getByLabel(`Value of ${key}`, { exact: true });
    await field.fill(value);
    await field.press("Enter");
  }
}

/** The settings every build needs besides the links: label, hyperparameters, group, condition, message. */
async function configure(page: Page, select: (name: string) => Promise<void>) {
  const gated = new GatedPage(page);
  await select("TabularPreprocessing-Training");
  await gated.inspector.fill("Label field", "target");
  await select("XGBoostTraining");
  await addHyperparameters(page, HYPERPARAMETERS);
  await select("XGBoostRegisterModel");
  await gated.inspector.fill("Model package group", "fraud-xgboost");
  await select("Condition");
  if ((await gated.control("Condition 1 type").count()) === 0) await gated.press("Add condition");
  await gated.setComparison(1, {
    type: "GreaterThanOrEqualTo",
    left: { metric: "XGBoostEvaluation.auc" },
    right: { literal: "0.7" },
  });
  await select("Fail");
  await gated.inspector.fill("Error message", FAIL_MESSAGE);
}

/** The built design is the gated pipeline: its branches, condition and message as intended. */
async function expectGatedDesign(designer: DesignerPage) {
  const design = await designer.design();
  const branchLinks = design.edges
    .filter((edge) => edge.to.input === "branch")
    .map((edge) => `${edge.from.step}.${edge.from.output}->${edge.to.step}`)
    .sort();
  expect(branchLinks).toEqual([
    "condition.if_false->fail",
    "condition.if_true->xgboostmodel",
    "condition.if_true->xgboostregistermodel",
  ]);
  const byId = new Map(design.steps.map((step) => [step.id, step]));
  expect(byId.get("condition")?.config.conditions).toEqual([
    {
      type: "GreaterThanOrEqualTo",
      left: { metric: { step: "xgboostevaluation", name: "auc" } },
      right: { literal: 0.7 },
    },
  ]);
  expect(byId.get("fail")?.config.errorMessage).toEqual([
    "AUC ",
    { metric: { step: "xgboostevaluation", name: "auc" } },
    " is below 0.7",
  ]);
}

/** The Definition preview shows what the test hook compiles and what the CLI compiles, byte for byte. */
async function expectDefinitionMatches(page: Page, designer: DesignerPage) {
  const previews = new PreviewsPage(page);
  await previews.show("Definition");
  const shown = await previews.definitionText();
  const hook = await page.evaluate(
    () => window.__designer!.compile() as { ok: boolean; json: string },
  );
  expect(hook.ok).toBe(true);
  expect(shown).toBe(hook.json);
  expect(shown).toBe(cliCompile(await designer.design()));
  const definition = JSON.parse(shown) as {
    Steps: {
      Name: string;
      Type: string;
      Arguments: { IfSteps?: { Name: string }[]; ElseSteps?: { Name: string }[] };
    }[];
  };
  const condition = definition.Steps.find((step) => step.Name === "Condition");
  expect(condition?.Type).toBe("Condition");
  expect(condition?.Arguments.ElseSteps?.map((step) => step.Name)).toEqual(["Fail"]);
  expect(condition?.Arguments.IfSteps?.map((step) => step.Name)).toEqual(
    expect.arrayContaining(["XGBoostRegisterModel-RegisterModel", "BatchTransform"]),
  );
  // Branch steps live inside the condition, not at the top level.
  expect(definition.Steps.map((step) => step.Name)).not.toContain("Fail");
  return shown;
}

test.describe("the gated XGBoost pipeline", () => {
  test.use({ viewport: { width: 1600, height: 1000 } });

  test("built with the mouse: the Definition preview equals the hook's and the CLI's compile", async ({
    page,
  }) => {
    const designer = new DesignerPage(page);
    const gated = new GatedPage(page);
    await designer.open();
    await designer.startEmpty();
    // Four columns of steps; the condition is added last, next to no evaluation step, so its
    // condition is set in the form from scratch.
    const drops: [string, number, number][] = [
      ["Data Load", 10, 10],
      ["Tabular Preprocessing", 270, 10],
      ["XGBoost Training", 530, 10],
      ["XGBoost Evaluation", 790, 10],
      ["XGBoost Register Model", 270, 230],
      ["XGBoost Model", 530, 230],
      ["Batch Transform", 790, 230],
      ["Fail", 270, 440],
      ["Condition", 10, 230],
    ];
    for (const [item, x, y] of drops) await designer.palette.dragToCanvas(item, { x, y });
    await expect.poll(async () => (await designer.design()).steps.length).toBe(drops.length);
    // Steps without a container have no code; the others start with a starter script.
    const initial = new Map((await designer.design()).steps.map((step) => [step.id, step]));
    for (const id of ["condition", "fail", "batchtransform"])
      expect(initial.get(id)?.config.code, id).toBeUndefined();
    expect(initial.get("xgboostevaluation")?.config.code).toBeDefined();

    for (const [from, output, to, input] of DATA_LINKS)
      await designer.canvas.link({ step: from, output }, { step: to, input });
    await gated.branchLink("condition", "if_true", "xgboostregistermodel");
    await gated.branchLink("condition", "if_true", "xgboostmodel");
    // From the input end too: the same link, the same verdicts.
    await gated.branchLink("condition", "if_false", "fail", "input");
    await expect
      .poll(async () => (await designer.design()).edges.length)
      .toBe(DATA_LINKS.length + 3);
    // A branch link is drawn as its branch, and every step of it says so.
    await expect(
      page.getByLabel("Link condition.if_false->fail.branch", { exact: true }),
    ).toContainText("if false");
    await expect(designer.step("BatchTransform")).toContainText("Condition: if true");

    await configure(page, (name) => designer.canvas.select(name));
    await expectGatedDesign(designer);
    await expect(designer.step("Condition")).toContainText("XGBoostEvaluation.auc ≥ 0.7");
    await expect(designer.problems.getByText(/^PD\d+ error/)).toHaveCount(0);
    await expect(designer.problems).not.toContainText("error");

    // The condition lists its branches; a branch step's Definition is shown nested in it.
    await designer.canvas.select("Condition");
    await expect(gated.members("if_true")).toContainText("XGBoostRegisterModel");
    await expect(gated.members("if_true")).toContainText("BatchTransform");
    await expect(gated.members("if_false")).toContainText("Fail");
    await expectDefinitionMatches(page, designer);
    await designer.canvas.select("Fail");
    const definition = page.getByRole("tabpanel", { name: "Definition" });
    await expect(definition.locator(".cm-line", { hasText: '"Name": "Fail"' })).toBeInViewport();
    // The Channels preview finds a branch step inside its condition: the transform's input.
    await new PreviewsPage(page).show("Channels");
    await designer.canvas.select("BatchTransform");
    await expect(page.getByRole("table", { name: "Inputs of BatchTransform" })).toContainText(
      "output processed_data of TabularPreprocessing-Training",
    );
  });

  test("built with the keyboard only: the same pipeline, the same definition as the CLI", async ({
    page,
  }) => {
    const designer = new DesignerPage(page);
    const gated = new GatedPage(page);
    await designer.open();
    await designer.startEmpty();
    for (const item of [
      "Data Load",
      "Tabular Preprocessing",
      "XGBoost Training",
      "XGBoost Evaluation",
      "XGBoost Register Model",
      "XGBoost Model",
      "Batch Transform",
      "Fail",
      "Condition",
    ])
      await designer.palette.addWithKeyboard(item);
    await expect.poll(async () => (await designer.design()).steps.length).toBe(9);
    await page.keyboard.press("Escape");
    await page.keyboard.press("Shift+L");
    await expect(designer.announcements).toContainText("Laid out", { timeout: 20_000 });
    // Auto-connect links every required data input; the register step's optional report by hand.
    await page.keyboard.press("Shift+C");
    const dialog = page.getByRole("dialog", { name: "Auto-connect" });
    await dialog.getByRole("button", { name: "Connect selected" }).focus();
    await page.keyboard.press("Enter");
    await expect(dialog).toBeHidden();
    await designer.canvas.selectWithKeyboard("XGBoostRegisterModel");
    const evaluation = gated.inputs.getByLabel(/^Link evaluation/);
    const report = await evaluation
      .locator("option", { hasText: "XGBoostEvaluation.evaluation" })
      .getAttribute("value");
    await evaluation.focus();
    await evaluation.selectOption(report ?? "");
    await gated.putInBranch("Condition", "if_true");
    await designer.canvas.selectWithKeyboard("XGBoostModel");
    await gated.putInBranch("Condition", "if_true");
    await designer.canvas.selectWithKeyboard("Fail");
    await gated.putInBranch("Condition", "if_false");

    const edges = (await designer.design()).edges.map(
      (edge) => `${edge.from.step}.${edge.from.output}->${edge.to.step}.${edge.to.input}`,
    );
    for (const [from, output, to, input] of DATA_LINKS)
      expect(edges).toContain(`${from}.${output}->${to}.${input}`);

    await configure(page, (name) => designer.canvas.selectWithKeyboard(name));
    await expectGatedDesign(designer);
    await designer.canvas.selectWithKeyboard("Condition");
    await expect(gated.members("if_false")).toContainText("Fail");
    await expectDefinitionMatches(page, designer);
  });
});

/** A gated design loaded through the test hook: the branches exist, so refusals can be tried. */
async function openGated(page: Page): Promise<DesignerPage> {
  const designer = new DesignerPage(page);
  await designer.open();
  await page.evaluate(() => {
    const base = structuredClone(window.__designer!.getDesign()) as Record<string, unknown>;
    const step = (id: string, type: string, name: string, x: number, y: number, config = {}) => ({
      id,
      type,
      name,
      position: { x, y },
      config,
    });
    const link = (from: string, output: string, to: string, input: string) => ({
      from: { step: from, output },
      to: { step: to, input },
    });
    window.__designer!.loadDesign({
      ...base,
      steps: [
        step("prep", "TabularPreprocessing", "Prep", 0, 0),
        step("train", "XGBoostTraining", "Train", 300, 0),
        step("evaluate", "XGBoostEvaluation", "Evaluate", 600, 0),
        step("gate", "Condition", "Gate", 0, 260, {
          conditions: [
            {
              type: "GreaterThanOrEqualTo",
              left: { metric: { step: "evaluate", name: "auc" } },
              right: { literal: 0.7 },
            },
          ],
        }),
        step("model", "XGBoostModel", "Model", 300, 260),
        step("transform", "BatchTransform", "Transform", 600, 260),
        step("fail", "Fail", "Fail", 300, 480, { errorMessage: ["too low"] }),
      ],
      edges: [
        link("prep", "processed_data", "train", "input_path"),
        link("train", "model_output", "evaluate", "model_input"),
        link("prep", "processed_data", "evaluate", "processed_data"),
        link("train", "model_output", "model", "model_data"),
        link("model", "model_name", "transform", "model_name"),
        link("prep", "processed_data", "transform", "input_data"),
        link("gate", "if_true", "model", "branch"),
        link("gate", "if_false", "fail", "branch"),
      ],
    });
  });
  await expect(designer.step("Transform")).toBeInViewport();
  await new GatedPage(page).steadyView();
  return designer;
}

test("a refused branch link says why: both branches, a cycle, already in a branch — from either end", async ({
  page,
}) => {
  const designer = await openGated(page);
  const gated = new GatedPage(page);
  const edgesBefore = (await designer.design()).edges;

  // Transform follows Model, which runs "if true": it cannot also run "if false".
  for (const end of ["output", "input"] as const) {
    await gated.branchLink("gate", "if_false", "transform", end);
    await expect(designer.canvas.refusal).toContainText(
      'in both branches: Transform would run in both "if true" and "if false" of Gate',
    );
    await expect(designer.announcements).toContainText("Link refused: in both branches");
  }
  // Gate reads Evaluate's metric, so Evaluate runs before it: a branch to it is a cycle.
  for (const end of ["output", "input"] as const) {
    await gated.branchLink("gate", "if_true", "evaluate", end);
    await expect(designer.canvas.refusal).toContainText(
      "would create a cycle: Evaluate → Gate → Evaluate",
    );
  }
  await gated.branchLink("gate", "if_true", "fail");
  await expect(designer.canvas.refusal).toContainText(
    'already in a branch: Fail runs in the "if false" branch of Gate',
  );
  // A branch port never feeds a data input.
  await designer.canvas.link(
    { step: "gate", output: "if_true" },
    { step: "transform", input: "input_data" },
  );
  await expect(designer.canvas.refusal).toBeVisible();
  expect((await designer.design()).edges).toEqual(edgesBefore);

  // While a branch link is dragged, the branch inputs that can take it light up.
  const handle = await designer.canvas.handle("gate", "out", "if_true").boundingBox();
  await page.mouse.move(handle!.x + handle!.width / 2, handle!.y + handle!.height / 2);
  await page.mouse.down();
  await page.mouse.move(handle!.x + 60, handle!.y + 40, { steps: 4 });
  await expect(designer.port("transform", "in", "branch")).toHaveClass(/port--compatible/);
  await expect(designer.port("transform", "in", "input_data")).toHaveClass(/port--incompatible/);
  await expect(designer.port("evaluate", "in", "branch")).toHaveClass(/port--incompatible/);
  await page.mouse.up();

  // The keyboard path says the same: refused branches are listed with their reason.
  await designer.canvas.select("Transform");
  const option = gated.runInBranch.locator("option", { hasText: "Gate: if false" });
  await expect(option).toBeDisabled();
  await expect(option).toContainText("in both branches");
});

test("removing a condition removes its branch links, in one undo step", async ({ page }) => {
  const designer = await openGated(page);
  await designer.canvas.select("Gate");
  await page.keyboard.press("Delete");
  await expect(designer.step("Gate")).toHaveCount(0);
  await expect
    .poll(async () => (await designer.design()).edges.filter((e) => e.to.input === "branch"))
    .toEqual([]);
  await designer.button("Undo").click();
  await expect
    .poll(async () => (await designer.design()).edges.filter((e) => e.to.input === "branch").length)
    .toBe(2);
});

test("a condition's and a fail message's problems show on their fields", async ({ page }) => {
  const designer = await openGated(page);
  const gated = new GatedPage(page);
  await designer.canvas.select("Gate");
  // An ordering comparison of a metric with text: the compiler's error, on the right operand.
  await gated.setOperand("Condition 1 right", { literal: "high" });
  await gated.inspector.expectError("Condition 1 right literal", /orders numbers/);
  await gated.setOperand("Condition 1 right", { literal: "0.8" });
  await expect(gated.control("Condition 1 right literal")).not.toHaveAttribute(
    "aria-invalid",
    "true",
  );
  // Nested one level: Not wraps the comparison, its operands named "Condition 1.1 …".
  await gated.control("Condition 1 type").selectOption("Not");
  await expect(gated.control("Condition 1.1 left metric")).toHaveValue(/evaluate/);
  await expect
    .poll(async () => (await designer.design()).steps.find((s) => s.id === "gate")?.config)
    .toEqual({
      conditions: [
        {
          type: "Not",
          condition: {
            type: "GreaterThanOrEqualTo",
            left: { metric: { step: "evaluate", name: "auc" } },
            right: { literal: 0.8 },
          },
        },
      ],
    });
  await designer.button("Undo").click();
  await expect(gated.control("Condition 1 type")).toHaveValue("GreaterThanOrEqualTo");

  // A fail message naming a metric that does not exist: refused where it is, nothing stored.
  await designer.canvas.select("Fail");
  await gated.inspector.fill("Error message", "AUC {Evaluate.acu} too low");
  await gated.inspector.expectError(
    "Error message",
    'column 5: {Evaluate.acu}: Evaluate has no metric "acu"; did you mean "auc"?',
  );
  expect((await designer.design()).steps.find((s) => s.id === "fail")?.config.errorMessage).toEqual(
    ["too low"],
  );
});
