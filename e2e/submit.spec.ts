import { expect, test } from "@playwright/test";
import { cliCompile } from "./support/cli";
import { openUniqueExample } from "./support/uniqueDesign";
import {
  calls,
  clearFaults,
  deployedDefinition,
  executionStatus,
  executionsOf,
  injectFaults,
  objectExists,
  pipelinesNamed,
  resetControls,
  setCredentialSeconds,
} from "./support/emulator";

// The emulator runs each step for EMULATOR_STEP_SECONDS (1 s here): a whole run takes seconds.
test.describe.configure({ timeout: 60_000 });
test.beforeEach(() => resetControls());

test("sign in, submit the example: the emulator holds the CLI's definition and the run shows on the canvas", async ({
  page,
}) => {
  // The four-step tabular example: every step's run status is checked below.
  const { designer, aws, name } = await openUniqueExample(page, "e2e", "PyTorch tabular");
  // Submit while signed out asks for sign-in first, then goes on to the review.
  await designer.button("Submit").click();
  await aws.signIn();
  await aws.signedIn();
  await expect(aws.confirmButton).toBeVisible();
  await expect(aws.submitDialog.getByLabel("Submit action")).toHaveText("Create a new pipeline");
  await expect(aws.submitDialog.getByRole("table", { name: "Uploads" })).toContainText("to upload");

  await aws.confirmButton.click();
  await expect(aws.startedArn).toContainText(`pipeline/${name}/execution/`);
  for (const label of [/^Upload code/, /^Create or update/, /^Start an execution/])
    await expect(aws.stage(label)).toHaveAccessibleName(/: done$/);

  const design = await designer.design();
  expect(await deployedDefinition(name)).toBe(cliCompile(design));
  const compiled = (await page.evaluate(() => window.__designer!.compile())) as {
    uploads: { uri: string }[];
  };
  for (const upload of compiled.uploads) expect(await objectExists(upload.uri)).toBe(true);
  expect(await executionsOf(name)).toHaveLength(1);

  await aws.closeSubmit();
  await expect(aws.runs.getByRole("button", { pressed: true })).toBeVisible();
  // Steps light up in dependency order and the run ends with every node succeeded.
  await expect(aws.runStatus("DataLoad-Training")).toBeVisible();
  for (const step of [
    "DataLoad-Training",
    "TabularPreprocessing-Training",
    "PyTorchTraining",
    "PyTorchModel",
  ])
    await expect(aws.runStatus(step)).toHaveAccessibleName("Run status: Succeeded", {
      timeout: 30_000,
    });
  await expect(aws.runs.getByRole("status", { name: "Run status" })).toContainText("Succeeded");
  await expect(aws.runs.getByRole("table", { name: "Run steps" })).toContainText(
    "trainingjob/PyTorchTraining",
  );

  // Nothing secret was persisted by the browser.
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
  expect(stored).not.toMatch(/idToken|accessToken|refreshToken|SecretKey|SessionToken|eyJ/);
});

test("a wrong password is refused on the password field and nobody is signed in", async ({
  page,
}) => {
  const { aws } = await openUniqueExample(page);
  await aws.signIn(undefined, "not-the-password");
  const password = aws.signInDialog.getByLabel("Password", { exact: true });
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(password).toHaveAccessibleDescription("Incorrect email or password.");
  await expect(aws.signedInUser).toHaveCount(0);
  await aws.signIn();
  await aws.signedIn();
});

test("a second submit updates the pipeline, and a double click starts one execution", async ({
  page,
}) => {
  const { aws, name } = await openUniqueExample(page);
  await aws.signInAndReview();
  await aws.confirmButton.click();
  await expect(aws.startedArn).toBeVisible();
  await aws.closeSubmit();

  await aws.openReview();
  await expect(aws.submitDialog.getByLabel("Submit action")).toHaveText(
    "Update the deployed pipeline",
  );
  await expect(aws.submitDialog).toContainText("No changes: the deployed definition is identical.");
  await expect(aws.submitDialog.getByRole("table", { name: "Uploads" })).not.toContainText(
    "to upload",
  );
  await aws.confirmButton.dblclick();
  await expect(aws.startedArn).toBeVisible();
  await expect(aws.stage(/^Upload code/)).toContainText("0 uploaded");

  expect(await pipelinesNamed(name)).toBe(1);
  expect(await executionsOf(name)).toHaveLength(2);
  expect(await calls({ operation: "CreatePipeline", pipelineName: name })).toHaveLength(1);
  expect(await calls({ operation: "UpdatePipeline", pipelineName: name })).toHaveLength(1);
  expect(await calls({ operation: "StartPipelineExecution", pipelineName: name })).toHaveLength(2);
});

test("an S3 upload failure shows the service error, changes nothing, and a retry succeeds", async ({
  page,
}) => {
  const { designer, aws, name } = await openUniqueExample(page);
  await aws.signIn();
  await aws.signedIn();
  const before = await designer.design();
  await aws.openReview();
  await injectFaults({
    service: "s3",
    operation: "PutObject",
    status: 500,
    code: "InternalError",
    message: "We encountered an internal error. Please try again.",
    times: null,
  });
  await aws.confirmButton.click();
  await expect(aws.stage(/^Upload code/)).toHaveAccessibleName(/: failed$/);
  await expect(aws.submitDialog.getByRole("alert")).toContainText(
    "InternalError: We encountered an internal error. Please try again.",
  );
  expect(await designer.design()).toEqual(before);
  expect(await deployedDefinition(name)).toBeNull();
  expect(await calls({ operation: "CreatePipeline", pipelineName: name })).toHaveLength(0);

  await clearFaults();
  await aws.retryButton.click();
  await expect(aws.startedArn).toBeVisible();
  expect(await executionsOf(name)).toHaveLength(1);
  expect(await designer.design()).toEqual(before);
});

test("credentials the service calls expired are refreshed and the call retried", async ({
  page,
}) => {
  const { aws, name } = await openUniqueExample(page);
  await setCredentialSeconds(35);
  await aws.signInAndReview();
  const fetched = (await calls({ operation: "GetCredentialsForIdentity" })).length;
  // The service refuses the create as expired once (clock skew): the app must get new keys and retry.
  await injectFaults({
    service: "sagemaker",
    operation: "CreatePipeline",
    status: 400,
    code: "ExpiredTokenException",
    message: "The security token included in the request is expired",
    times: 1,
  });
  await aws.confirmButton.click();
  await expect(aws.startedArn).toBeVisible();
  expect(await calls({ operation: "CreatePipeline", pipelineName: name })).toHaveLength(2);
  expect((await calls({ operation: "GetCredentialsForIdentity" })).length).toBeGreaterThan(fetched);

  // Keys that live 35 s are replaced before they expire (30 s margin): refreshing the runs list
  // after that fetches new keys instead of sending expired ones.
  await aws.closeSubmit();
  const afterSubmit = (await calls({ operation: "GetCredentialsForIdentity" })).length;
  const since = Date.now() / 1000;
  await expect
    .poll(
      async () => {
        await aws.runs.getByRole("button", { name: "Refresh runs" }).click();
        return (await calls({ operation: "GetCredentialsForIdentity" })).length;
      },
      { timeout: 20_000, intervals: [1000] },
    )
    .toBeGreaterThan(afterSubmit);
  const listed = (await calls({ operation: "ListPipelineExecutions" })).filter(
    (call) => call.time >= since,
  );
  expect(listed.length).toBeGreaterThan(0);
  expect(listed.filter((call) => call.status !== 200)).toEqual([]);
});

test("Stop run stops the execution; the canvas shows where it stopped", async ({ page }) => {
  const { aws, name } = await openUniqueExample(page, "e2e", "PyTorch tabular");
  await aws.signInAndReview();
  await aws.confirmButton.click();
  await expect(aws.startedArn).toBeVisible();
  await aws.closeSubmit();
  await aws.runs.getByRole("button", { name: "Stop run" }).click();
  await expect(aws.runs.getByRole("status", { name: "Run status" })).toContainText("Stopped");
  await expect(aws.runs.getByRole("button", { name: "Stop run" })).toHaveCount(0);
  // Later steps never started: the model shows no run status at all.
  await expect(aws.runStatus("PyTorchModel")).toHaveCount(0);
  const [arn] = await executionsOf(name);
  expect(await executionStatus(arn!)).toBe("Stopped");
  expect(await calls({ operation: "StopPipelineExecution" })).toHaveLength(1);
});

test("answers lost after CreatePipeline and StartPipelineExecution are retried into one pipeline and one execution", async ({
  page,
}) => {
  const { aws, name } = await openUniqueExample(page);
  await aws.signInAndReview();
  // Each call takes effect, then the answer is lost (500): the SDK retries with the same token.
  await injectFaults(
    { service: "sagemaker", operation: "CreatePipeline", status: 500, after: true },
    { service: "sagemaker", operation: "StartPipelineExecution", status: 500, after: true },
  );
  await aws.confirmButton.click();
  await expect(aws.startedArn).toBeVisible();
  expect(await calls({ operation: "CreatePipeline", pipelineName: name })).toHaveLength(2);
  expect(await calls({ operation: "StartPipelineExecution", pipelineName: name })).toHaveLength(2);
  expect(await pipelinesNamed(name)).toBe(1);
  expect(await executionsOf(name)).toHaveLength(1);
});
