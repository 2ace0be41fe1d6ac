import { expect, test } from "@playwright/test";
import { cliCompile } from "./support/cli";
import {
  calls,
  clearFaults,
  executionsOf as listExecutions,
  injectFaults,
  pipelinesNamed,
  resetControls,
  type Fault,
} from "./support/emulator";
import { callLog, callsFor, deployDirectly } from "./support/submitChecks";
import { openUniqueExample } from "./support/uniqueDesign";

// Faults on every call of the submit flow, one row each; e2e/submit.spec.ts has the PutObject 500,
// the ExpiredTokenException on CreatePipeline and the lost answers of one call each.
// Every row ends with the same guarantees: one pipeline, at most one execution (exactly one once
// started), one ClientRequestToken per operation however often it was retried, the design as it was.

type Stage = "Upload code" | "Create or update" | "Start an execution";

interface FaultCase {
  title: string;
  /** Injected after the review is open, so they hit the submission, not the review. */
  faults: (pipeline: string) => Fault[];
  /** The pipeline is deployed first: the submit updates it. */
  deployed?: boolean;
  /** Left out: the SDK's retries absorb the faults and the run starts. */
  failsAt?: { stage: Stage; alert: RegExp };
  /** Operations that must have been sent again after a fault (retried). */
  retried?: string[];
  /** Operations whose refusal of the credentials must be followed by a call with new keys. */
  refreshed?: string[];
  /** A stage that must be seen running while its answer is slow. */
  slowStage?: Stage;
}

const s3 = (operation: string, pipeline: string, fault: Partial<Fault>): Fault => ({
  service: "s3",
  operation,
  keyContains: `${pipeline}/`,
  ...fault,
});
const sm = (operation: string, fault: Partial<Fault>): Fault => ({
  service: "sagemaker",
  operation,
  ...fault,
});
const throttled = { status: 400, code: "ThrottlingException", message: "Rate exceeded" };
const slowDown = { status: 503, code: "SlowDown", message: "Please reduce your request rate." };

const CASES: FaultCase[] = [
  {
    title: "a 5xx once on every call of the flow",
    faults: (p) => [
      s3("HeadObject", p, { status: 503 }),
      s3("PutObject", p, { status: 500, times: 2 }),
      sm("DescribePipeline", { status: 500 }),
      sm("CreatePipeline", { status: 503 }),
      sm("StartPipelineExecution", { status: 500 }),
    ],
    retried: [
      "HeadObject",
      "PutObject",
      "DescribePipeline",
      "CreatePipeline",
      "StartPipelineExecution",
    ],
  },
  {
    title: "throttling once on every call of the flow",
    faults: (p) => [
      s3("HeadObject", p, slowDown),
      s3("PutObject", p, slowDown),
      sm("DescribePipeline", throttled),
      sm("CreatePipeline", throttled),
      sm("StartPipelineExecution", throttled),
    ],
    retried: [
      "HeadObject",
      "PutObject",
      "DescribePipeline",
      "CreatePipeline",
      "StartPipelineExecution",
    ],
  },
  {
    title: "UpdatePipeline failing with a 500, then throttled",
    deployed: true,
    faults: () => [sm("UpdatePipeline", { status: 500 }), sm("UpdatePipeline", throttled)],
    retried: ["UpdatePipeline"],
  },
  {
    title:
      "credentials refused as expired by HeadObject (a bare 400), PutObject and StartPipelineExecution",
    faults: (p) => [
      s3("HeadObject", p, { status: 400, code: "ExpiredToken", message: "expired" }),
      s3("PutObject", p, { status: 400, code: "ExpiredToken", message: "The token has expired." }),
      sm("StartPipelineExecution", {
        status: 400,
        code: "ExpiredTokenException",
        message: "The security token included in the request is expired",
      }),
    ],
    refreshed: ["HeadObject", "PutObject", "StartPipelineExecution"],
  },
  {
    title: "HeadObject 500 on every try",
    faults: (p) => [s3("HeadObject", p, { status: 500, times: null })],
    failsAt: { stage: "Upload code", alert: /HTTP 500/ },
  },
  {
    title: "DescribePipeline 500 on every try",
    faults: () => [sm("DescribePipeline", { status: 500, times: null })],
    failsAt: { stage: "Create or update", alert: /InternalFailure/ },
  },
  {
    title: "the answer of every CreatePipeline lost (network drop after it took effect)",
    faults: () => [sm("CreatePipeline", { status: 500, after: true, times: null })],
    failsAt: { stage: "Create or update", alert: /InternalFailure/ },
    retried: ["CreatePipeline"],
  },
  {
    title: "UpdatePipeline throttled on every try",
    deployed: true,
    faults: () => [sm("UpdatePipeline", { ...throttled, times: null })],
    failsAt: { stage: "Create or update", alert: /ThrottlingException: Rate exceeded/ },
  },
  {
    title: "StartPipelineExecution 503 on every try",
    faults: () => [sm("StartPipelineExecution", { status: 503, times: null })],
    failsAt: { stage: "Start an execution", alert: /ServiceUnavailable/ },
  },
  {
    title: "the answer of every StartPipelineExecution lost",
    faults: () => [sm("StartPipelineExecution", { status: 500, after: true, times: null })],
    failsAt: { stage: "Start an execution", alert: /InternalFailure/ },
    retried: ["StartPipelineExecution"],
  },
  {
    title: "slow answers (1.5 s) from PutObject, CreatePipeline and StartPipelineExecution",
    faults: (p) => [
      s3("PutObject", p, { delayMs: 1500 }),
      sm("CreatePipeline", { delayMs: 1500 }),
      sm("StartPipelineExecution", { delayMs: 1500 }),
    ],
    slowStage: "Create or update",
  },
];

/** The executions of a pipeline, none when it does not exist (moto refuses to list those). */
async function executionsOf(name: string): Promise<string[]> {
  return (await pipelinesNamed(name)) ? listExecutions(name) : [];
}

test.describe.configure({ timeout: 60_000 });
test.beforeEach(() => resetControls());

for (const row of CASES) {
  test(`submit under ${row.title}`, async ({ page }) => {
    const { designer, aws, name } = await openUniqueExample(page, "fault");
    const before = await designer.design();
    if (row.deployed) await deployDirectly(name, cliCompile(before));
    await aws.signInAndReview();
    await expect(aws.submitDialog.getByLabel("Submit action")).toHaveText(
      row.deployed ? "Update the deployed pipeline" : "Create a new pipeline",
    );
    const credentialsBefore = (await calls({ operation: "GetCredentialsForIdentity" })).length;
    const injectedAt = Date.now() / 1000;
    await injectFaults(...row.faults(name));
    await aws.confirmButton.click();

    if (row.slowStage)
      await expect(aws.stage(new RegExp(`^${row.slowStage}`))).toHaveAccessibleName(/: running$/);
    if (row.failsAt) {
      await expect(aws.stage(new RegExp(`^${row.failsAt.stage}`))).toHaveAccessibleName(
        /: failed$/,
      );
      await expect(aws.submitDialog.getByRole("alert")).toContainText(row.failsAt.alert);
      await expect(aws.submitDialog.getByRole("alert")).toContainText("Nothing in your design");
      expect(await executionsOf(name)).toHaveLength(
        row.failsAt.stage === "Start an execution" && row.retried ? 1 : 0,
      );
      expect(await designer.design()).toEqual(before);
      // The cause is gone: Retry resumes from where it stopped and starts the one run.
      await clearFaults();
      await aws.retryButton.click();
    }
    await expect(aws.startedArn).toContainText(`pipeline/${name}/execution/`);
    for (const stage of ["Upload code", "Create or update", "Start an execution"])
      await expect(aws.stage(new RegExp(`^${stage}`))).toHaveAccessibleName(/: done$/);

    const log = await callLog();
    const sinceFaults = log.filter((call) => call.time >= injectedAt);
    for (const operation of row.retried ?? [])
      expect(callsFor(sinceFaults, operation, name).length, operation).toBeGreaterThan(1);
    if (row.refreshed)
      expect((await calls({ operation: "GetCredentialsForIdentity" })).length).toBeGreaterThan(
        credentialsBefore,
      );
    for (const operation of row.refreshed ?? []) {
      // The call after the refusal is signed with new keys, not the refused ones again.
      const sent = callsFor(sinceFaults, operation, name);
      const refused = sent.findIndex((call) => call.status === 400);
      expect(refused, `${operation} refused`).toBeGreaterThanOrEqual(0);
      // A missing object's HEAD answers 404: that too is an answer with valid keys.
      expect([200, 404], `${operation} retried`).toContain(sent[refused + 1]?.status);
      expect(sent[refused + 1]!.accessKeyId).not.toBe(sent[refused]!.accessKeyId);
    }
    expect(await pipelinesNamed(name)).toBe(1);
    expect(await executionsOf(name)).toHaveLength(1);
    for (const operation of ["CreatePipeline", "StartPipelineExecution"]) {
      const tokens = new Set(callsFor(log, operation, name).map((call) => call.clientRequestToken));
      expect(tokens.size, `${operation} tokens`).toBeLessThanOrEqual(1);
    }
    expect(await designer.design()).toEqual(before);
  });
}
