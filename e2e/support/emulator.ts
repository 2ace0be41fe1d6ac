import {
  DescribePipelineCommand,
  DescribePipelineExecutionCommand,
  ListPipelineExecutionsCommand,
  ListPipelinesCommand,
  SageMakerClient,
} from "@aws-sdk/client-sagemaker";
import { HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";

/** The emulator the e2e run started (playwright.config.ts), checked from Node with the AWS SDK. */
export const EMULATOR_URL = `http://127.0.0.1:${process.env.E2E_EMULATOR_PORT ?? 4599}`;

const common = {
  region: "us-east-1",
  endpoint: EMULATOR_URL,
  // Keys the emulator never issued: it lets them through (it only polices the ones it issued).
  credentials: { accessKeyId: "e2echecks", secretAccessKey: "e2echecks" },
};
export const sagemaker = new SageMakerClient(common);
export const s3 = new S3Client({ ...common, forcePathStyle: true });

export async function deployedDefinition(name: string): Promise<string | null> {
  try {
    const found = await sagemaker.send(new DescribePipelineCommand({ PipelineName: name }));
    return found.PipelineDefinition ?? null;
  } catch {
    return null;
  }
}

export async function pipelinesNamed(name: string): Promise<number> {
  const listed = await sagemaker.send(new ListPipelinesCommand({ PipelineNamePrefix: name }));
  return (listed.PipelineSummaries ?? []).filter((summary) => summary.PipelineName === name).length;
}

export async function executionsOf(name: string): Promise<string[]> {
  const listed = await sagemaker.send(new ListPipelineExecutionsCommand({ PipelineName: name }));
  return (listed.PipelineExecutionSummaries ?? []).map((summary) => summary.PipelineExecutionArn!);
}

export async function executionStatus(arn: string): Promise<string | undefined> {
  const found = await sagemaker.send(
    new DescribePipelineExecutionCommand({ PipelineExecutionArn: arn }),
  );
  return found.PipelineExecutionStatus;
}

export async function objectExists(uri: string): Promise<boolean> {
  const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri)!;
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch {
    return false;
  }
}

export interface Fault {
  service?: string;
  operation?: string;
  /** S3 only: a substring of the object key. */
  keyContains?: string;
  status?: number;
  code?: string;
  message?: string;
  times?: number | null;
  delayMs?: number;
  after?: boolean;
}

async function control(method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${EMULATOR_URL}/_emulator/${path}`, {
    method,
    headers: body ? { "Content-Type": "application/json" } : undefined,
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} /_emulator/${path}: HTTP ${response.status}`);
  return response.json();
}

export const injectFaults = (...faults: Fault[]) => control("POST", "faults", { faults });
export const clearFaults = () => control("DELETE", "faults");
export const setCredentialSeconds = (seconds: number) =>
  control("POST", "settings", { credentialSeconds: seconds });
/**
 * How emulated runs go (emulator/README.md "How runs go"): the branch each Condition step takes
 * (`"step"` or `"pipeline/step"` → "true" | "false"), the values evaluation reports hold, whether a
 * register step creates a missing group. Merged into what is set; executions read it at start.
 */
export const configureRuns = (runs: {
  branches?: Record<string, "true" | "false" | null>;
  reportValues?: Record<string, number | string | boolean | null>;
  createModelPackageGroups?: boolean;
}) => control("POST", "runs", runs);
/** Faults, the call log, settings and runs back to their defaults (moto's resources stay). */
export const resetControls = () => control("POST", "reset");

export interface Call {
  service: string;
  operation: string;
  status: number;
  /** Epoch seconds when the emulator answered. */
  time: number;
  pipelineName?: string;
}

export async function calls(filter: Partial<Call> = {}): Promise<Call[]> {
  const { calls: all } = (await control("GET", "calls")) as { calls: Call[] };
  return all.filter((call) =>
    Object.entries(filter).every(([key, value]) => call[key as keyof Call] === value),
  );
}
