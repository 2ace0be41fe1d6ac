import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import {
  CreateModelPackageCommand,
  CreateModelPackageGroupCommand,
  DescribeModelPackageCommand,
  ListModelPackagesCommand,
} from "@aws-sdk/client-sagemaker";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { STARTER_FILES } from "../src/catalog/starters";
import { AwsPage } from "./pages/aws";
import { DesignerPage } from "./pages/designerPage";
import { RegistryPage } from "./pages/registry";
import { configureRuns, injectFaults, resetControls, s3, sagemaker } from "./support/emulator";
import { uniquePipelineName } from "./support/uniqueDesign";

// The emulator runs each step for 1 s (playwright.config.ts): a gated run takes about 7 s.
test.describe.configure({ timeout: 120_000 });
test.beforeEach(() => resetControls());

const BUCKET = "my-ml-bucket";

async function versionsOf(group: string) {
  const listed = await sagemaker.send(
    new ListModelPackagesCommand({ ModelPackageGroupName: group, SortOrder: "Descending" }),
  );
  return listed.ModelPackageSummaryList ?? [];
}

test("the registry lists a group's versions with their metrics, rejects and approves, and shows the service's errors", async ({
  page,
}) => {
  const designer = new DesignerPage(page);
  const aws = new AwsPage(page);
  const registry = new RegistryPage(page);
  await designer.open();
  const group = uniquePipelineName("registry");

  // What a register step leaves: a group, versions, the evaluation report the metrics point at.
  const reportKey = `${group}/eval/evaluation.json`;
  await s3.send(
    new PutObjectCommand({
      Bucket: BUCKET,
      Key: reportKey,
      Body: JSON.stringify({
        metrics: { auc: { value: 0.8712, standard_deviation: 0.01 }, f1: { value: 0.5 } },
      }),
    }),
  );
  await sagemaker.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: group }));
  await sagemaker.send(
    new CreateModelPackageCommand({
      ModelPackageGroupName: group,
      ModelApprovalStatus: "PendingManualApproval",
      ModelMetrics: {
        ModelQuality: {
          Statistics: { ContentType: "application/json", S3Uri: `s3://${BUCKET}/${reportKey}` },
        },
      },
      CustomerMetadataProperties: { team: "fraud" },
    }),
  );
  await sagemaker.send(
    new CreateModelPackageCommand({
      ModelPackageGroupName: group,
      ModelApprovalStatus: "PendingManualApproval",
      ModelMetrics: {
        ModelQuality: {
          Statistics: {
            ContentType: "application/json",
            S3Uri: `s3://${BUCKET}/${group}/missing/evaluation.json`,
          },
        },
      },
    }),
  );

  await registry.open();
  await expect(registry.dialog).toContainText("Sign in to see the model registry.");
  await registry.close();
  await aws.signIn();
  await aws.signedIn();

  await registry.open();
  await registry.chooseGroup(group);
  const table = registry.versions(group);
  // Newest first.
  await expect(table.getByRole("rowheader")).toHaveText(["Version 2", "Version 1"]);
  const first = registry.version(group, 1);
  await expect(first).toContainText("Pending manual approval");
  const metrics = registry.metrics(group, 1);
  await expect(metrics.getByRole("term")).toHaveText(["auc", "f1"]);
  await expect(metrics.getByRole("definition")).toHaveText(["0.8712 ± 0.01", "0.5"]);
  await expect(registry.customerMetadata(group, 1)).toHaveText("teamfraud");
  // A report that is not there is said, with S3's code.
  await expect(registry.version(group, 2)).toContainText(
    `NoSuchKey: No report at s3://${BUCKET}/${group}/missing/evaluation.json.`,
  );

  // The service refuses once: its code and message stay in the form; confirming again works.
  await injectFaults({
    service: "sagemaker",
    operation: "UpdateModelPackage",
    status: 400,
    code: "ConflictException",
    message: "The model package is being updated.",
  });
  await registry.decide("Reject", group, 2, "Report missing");
  const rejectForm = registry.decisionForm("Reject", 2);
  await expect(rejectForm.getByRole("alert")).toHaveText(
    "ConflictException: The model package is being updated.",
  );
  await rejectForm.getByRole("button", { name: "Confirm rejection" }).click();
  await expect(rejectForm).toBeHidden();
  await expect(registry.version(group, 2)).toContainText("Rejected");
  await expect(registry.version(group, 2)).toContainText("Report missing");

  await registry.decide("Approve", group, 1, "AUC above 0.85");
  await expect(registry.decisionForm("Approve", 1)).toBeHidden();
  await registry.reopen();
  await registry.chooseGroup(group);
  await expect(registry.version(group, 1)).toContainText("Approved");
  await expect(registry.version(group, 1)).toContainText("AUC above 0.85");
  await expect(
    registry.version(group, 1).getByRole("button", { name: "Approve version 1" }),
  ).toBeDisabled();

  const [newest, oldest] = await versionsOf(group);
  const described = await sagemaker.send(
    new DescribeModelPackageCommand({ ModelPackageName: oldest!.ModelPackageArn }),
  );
  expect(described.ModelApprovalStatus).toBe("Approved");
  expect(described.ApprovalDescription).toBe("AUC above 0.85");
  // Approving kept the version's customer metadata (moto alone would have dropped it).
  expect(described.CustomerMetadataProperties).toEqual({ team: "fraud" });
  expect(newest!.ModelApprovalStatus).toBe("Rejected");
});

interface DesignStep {
  id: string;
  type: string;
  name: string;
  position: { x: number; y: number };
  config: Record<string, unknown>;
}
interface DesignEdge {
  from: { step: string; output: string };
  to: { step: string; input: string };
}
interface Design {
  pipeline: { name: string; s3Prefix: string; parameters: unknown[] };
  steps: DesignStep[];
  edges: DesignEdge[];
}

/**
 * The gated XGBoost pipeline of docs/gated-steps.md, built on the XGBoost example's load →
 * preprocess → train → model: evaluate → CheckAuc (auc ≥ AucThreshold) → if true: Register,
 * CreateModel → Transform; if false: Fail with "AUC below threshold {AucThreshold}: {auc}".
 */
function gatedDesign(name: string, group: string): Design {
  const example = JSON.parse(
    readFileSync("examples/xgboost-tabular.pipeline.json", "utf8"),
  ) as Design;
  const kept = ["DataLoad", "TabularPreprocessing", "XGBoostTraining", "XGBoostModel"];
  const steps = example.steps.filter((step) => kept.includes(step.type));
  const id = (type: string) => steps.find((step) => step.type === type)!.id;
  const [load, prep, train, model] = kept.map(id) as [string, string, string, string];
  void load;
  const ids = new Set(steps.map((step) => step.id));
  const edges = example.edges.filter((edge) => ids.has(edge.from.step) && ids.has(edge.to.step));
  steps.find((step) => step.id === model)!.name = "CreateModel";
  const at = (x: number, y: number) => ({ x, y });
  const metric = { metric: { step: "evaluate", name: "auc" } };
  steps.push(
    {
      id: "evaluate",
      type: "XGBoostEvaluation",
      name: "Evaluate",
      position: at(1000, 120),
      config: { code: { files: { ...STARTER_FILES.XGBoostEvaluation } } },
    },
    {
      id: "check",
      type: "Condition",
      name: "CheckAuc",
      position: at(1250, 120),
      config: {
        conditions: [
          { type: "GreaterThanOrEqualTo", left: metric, right: { parameter: "AucThreshold" } },
        ],
      },
    },
    {
      id: "register",
      type: "XGBoostRegisterModel",
      name: "Register",
      position: at(1500, 0),
      config: { modelPackageGroupName: group, customerMetadata: { team: "fraud" } },
    },
    {
      id: "transform",
      type: "BatchTransform",
      name: "Transform",
      position: at(1750, 240),
      config: {},
    },
    {
      id: "fail",
      type: "Fail",
      name: "Fail",
      position: at(1500, 400),
      config: {
        errorMessage: ["AUC below threshold ", { parameter: "AucThreshold" }, ": ", metric],
      },
    },
  );
  const link = (from: string, output: string, to: string, input: string): DesignEdge => ({
    from: { step: from, output },
    to: { step: to, input },
  });
  edges.push(
    link(train, "model_output", "evaluate", "model_input"),
    link(prep, "processed_data", "evaluate", "processed_data"),
    link("check", "if_true", "register", "branch"),
    link("check", "if_true", model, "branch"),
    link("check", "if_false", "fail", "branch"),
    link(train, "model_output", "register", "model_data"),
    link("evaluate", "evaluation", "register", "evaluation"),
    link(model, "model_name", "transform", "model_name"),
    link(prep, "processed_data", "transform", "input_data"),
  );
  return {
    ...example,
    pipeline: {
      ...example.pipeline,
      name,
      s3Prefix: name,
      parameters: [{ name: "AucThreshold", type: "Float", default: 0.7 }],
    },
    steps,
    edges,
  };
}

async function openGated(page: Page, name: string, group: string) {
  const designer = new DesignerPage(page);
  await designer.open();
  await page.evaluate((design) => window.__designer!.loadDesign(design), gatedDesign(name, group));
  await expect(designer.toolbar.getByLabel("Pipeline name")).toHaveText(name);
  await expect(designer.step("CheckAuc")).toBeVisible();
  return designer;
}

test("a gated run takes the if branch and registers a version the registry shows and approves; the else branch fails the run with its message", async ({
  page,
}) => {
  const name = uniquePipelineName("gated");
  const group = `${name}-models`;
  const aws = new AwsPage(page);
  const registry = new RegistryPage(page);
  await openGated(page, name, group);
  await configureRuns({ reportValues: { "metrics.auc.value": 0.91 } });

  await aws.signInAndReview();
  await aws.confirmButton.click();
  await expect(aws.startedArn).toContainText(`pipeline/${name}/execution/`);
  await aws.closeSubmit();

  const runStatus = aws.runs.getByRole("status", { name: "Run status" });
  await expect(runStatus).toContainText("Succeeded", { timeout: 60_000 });
  for (const step of ["Evaluate", "CheckAuc", "Register", "CreateModel", "Transform"])
    await expect(aws.runStatus(step)).toHaveAccessibleName("Run status: Succeeded");
  const stepsTable = aws.runs.getByRole("table", { name: "Run steps" });
  await expect(stepsTable.getByRole("row").filter({ hasText: /^Fail/ })).toContainText("Not run");
  await expect(stepsTable).toContainText("model-package/");

  // The registry shows the new version with the metric its evaluation report holds.
  await registry.open();
  await registry.chooseGroup(group);
  const version = registry.version(group, 1);
  await expect(version).toContainText("Pending manual approval");
  const metrics = registry.metrics(group, 1);
  await expect(metrics.getByRole("term")).toHaveText(["auc"]);
  await expect(metrics.getByRole("definition")).toHaveText(["0.91"]);
  await expect(registry.customerMetadata(group, 1)).toContainText("fraud");
  await registry.decide("Approve", group, 1);
  await expect(registry.decisionForm("Approve", 1)).toBeHidden();
  await registry.reopen();
  await registry.chooseGroup(group);
  await expect(registry.version(group, 1)).toContainText("Approved");
  await registry.close();

  // The condition takes its else branch now: the run fails with the Fail step's message.
  await configureRuns({
    branches: { [`${name}/CheckAuc`]: "false" },
    reportValues: { "metrics.auc.value": 0.55 },
  });
  await aws.openReview();
  await aws.confirmButton.click();
  await expect(aws.startedArn).toBeVisible();
  await aws.closeSubmit();
  const message = "AUC below threshold 0.7: 0.55";
  await expect(runStatus).toContainText("Failed", { timeout: 60_000 });
  await expect(runStatus).toContainText(message);
  await expect(stepsTable.getByRole("row").filter({ hasText: /^Fail/ })).toContainText(message);
  await expect(stepsTable.getByRole("row").filter({ hasText: /^Register/ })).toContainText(
    "Not run",
  );
  // No second version: the register step did not run.
  expect(await versionsOf(group)).toHaveLength(1);
});
