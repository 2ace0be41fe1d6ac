import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { diffDefinitions, type DefinitionDiff, type Upload } from "../compiler";
import type { Design } from "../model";
import type { ConnectionConfig } from "./config";
import { toAwsProblem } from "./errors";
import type { AwsProblem, DeployedPipeline, PipelineClient } from "./types";

export interface PlannedUpload {
  stepId: string;
  kind: Upload["kind"];
  uri: string;
  bucket: string;
  key: string;
  size: number;
  sha256: string;
  /** Already in S3 with the same content hash: skipped. */
  present: boolean;
}

/** Everything the review dialog shows before anything is sent. */
export interface SubmissionPlan {
  pipelineName: string;
  mode: "create" | "update";
  definition: string;
  definitionBytes: number;
  uploads: PlannedUpload[];
  deployed: DeployedPipeline | null;
  diff: DefinitionDiff | null;
  /** Settings of the design that do not match the account the user is connected to. */
  mismatches: string[];
}

export type Stage = "upload" | "pipeline" | "start";
export const STAGES: { stage: Stage; label: string }[] = [
  { stage: "upload", label: "Upload code and files to S3" },
  { stage: "pipeline", label: "Create or update the pipeline" },
  { stage: "start", label: "Start an execution" },
];

export interface Progress {
  stage: Stage;
  state: "running" | "done" | "failed";
  detail: string;
}

/** A submission stopped at `stage`; nothing after it was attempted, so a retry is safe. */
export class SubmitError extends Error {
  constructor(
    readonly stage: Stage,
    readonly problem: AwsProblem,
  ) {
    super(`${problem.code}: ${problem.message}`);
    this.name = "SubmitError";
  }
}

export function parseS3Uri(uri: string): { bucket: string; key: string } {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
  if (!match) throw new Error(`not an S3 object URI: ${uri}`);
  return { bucket: match[1]!, key: match[2]! };
}

export async function planSubmission(
  client: PipelineClient,
  design: Design,
  compiled: { json: string; uploads: Upload[] },
  config: ConnectionConfig,
): Promise<SubmissionPlan> {
  const name = design.pipeline.name;
  const [deployed, uploads] = await Promise.all([
    client.describePipeline(name),
    Promise.all(
      distinctUploads(compiled.uploads).map(async (upload) => {
        const { bucket, key } = parseS3Uri(upload.uri);
        const recorded = await client.objectHash(bucket, key);
        return {
          stepId: upload.stepId,
          kind: upload.kind,
          uri: upload.uri,
          bucket,
          key,
          size: upload.bytes.byteLength,
          sha256: upload.hash,
          present: recorded === upload.hash,
        };
      }),
    ),
  ]);
  return {
    pipelineName: name,
    mode: deployed ? "update" : "create",
    definition: compiled.json,
    definitionBytes: utf8ToBytes(compiled.json).byteLength,
    uploads,
    deployed,
    diff: deployed ? diffDefinitions(deployed.definition, compiled.json) : null,
    mismatches: accountMismatches(design, config),
  };
}

/** Two steps may share an archive (same code): upload it once. */
function distinctUploads(uploads: Upload[]): Upload[] {
  return [...new Map(uploads.map((upload) => [upload.uri, upload])).values()];
}

function accountMismatches(design: Design, config: ConnectionConfig): string[] {
  const { pipeline } = design;
  const found: string[] = [];
  if (pipeline.region !== config.region)
    found.push(`The design's region is ${pipeline.region}; you are connected to ${config.region}.`);
  if (pipeline.bucket !== config.bucket)
    found.push(
      `The design uploads to bucket ${pipeline.bucket}; this account's bucket is ${config.bucket}.`,
    );
  if (pipeline.roleArn !== config.roleArn)
    found.push(
      `The design runs as ${pipeline.roleArn}; this account's execution role is ${config.roleArn}.`,
    );
  return found;
}

/**
 * The idempotency token of one user's submit: the same definition, parameters and click give the
 * same token, so a retried or doubled request never starts a second execution.
 */
export function clientRequestToken(
  purpose: string,
  definition: string,
  parameters: Record<string, string>,
  clickId: string,
): string {
  const sorted = Object.fromEntries(
    Object.entries(parameters).sort(([a], [b]) => a.localeCompare(b)),
  );
  return bytesToHex(sha256(utf8ToBytes(JSON.stringify([purpose, definition, sorted, clickId]))));
}

export interface SubmitRequest {
  plan: SubmissionPlan;
  uploads: Upload[];
  design: Design;
  /** Parameter overrides entered in the dialog; empty values fall back to the defaults. */
  parameters: Record<string, string>;
  /** Made once per review dialog: retries inside it reuse it, a new submit gets a new one. */
  clickId: string;
}

export interface SubmitResult {
  pipelineArn: string;
  executionArn: string;
  uploaded: number;
  skipped: number;
}

/** Uploads, creates or updates the pipeline, starts it; reports each stage. Never edits the design. */
export async function submitPipeline(
  client: PipelineClient,
  request: SubmitRequest,
  onProgress: (progress: Progress) => void,
): Promise<SubmitResult> {
  const { plan, design, clickId } = request;
  const parameters = Object.fromEntries(
    Object.entries(request.parameters).filter(([, value]) => value !== ""),
  );
  const stage = async <T>(name: Stage, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      const problem = toAwsProblem(error);
      onProgress({ stage: name, state: "failed", detail: `${problem.code}: ${problem.message}` });
      throw new SubmitError(name, problem);
    }
  };

  const bytesByUri = new Map(request.uploads.map((upload) => [upload.uri, upload]));
  const { uploaded, skipped } = await stage("upload", async () => {
    let sent = 0;
    let kept = 0;
    for (const planned of plan.uploads) {
      onProgress({
        stage: "upload",
        state: "running",
        detail: `${sent + kept + 1}/${plan.uploads.length} ${planned.key}`,
      });
      // Checked again now: the review may be minutes old, and another submit may have uploaded it.
      if ((await client.objectHash(planned.bucket, planned.key)) === planned.sha256) {
        kept += 1;
        continue;
      }
      const upload = bytesByUri.get(planned.uri);
      if (!upload) throw new Error(`no bytes for ${planned.uri}`);
      await client.putObject({
        bucket: planned.bucket,
        key: planned.key,
        body: upload.bytes,
        contentType: upload.contentType,
        sha256: planned.sha256,
      });
      sent += 1;
    }
    onProgress({
      stage: "upload",
      state: "done",
      detail: `${sent} uploaded, ${kept} already in S3`,
    });
    return { uploaded: sent, skipped: kept };
  });

  const pipelineArn = await stage("pipeline", async () => {
    onProgress({ stage: "pipeline", state: "running", detail: plan.pipelineName });
    const pipelineRequest = {
      name: plan.pipelineName,
      definition: plan.definition,
      roleArn: design.pipeline.roleArn,
      description: design.pipeline.description,
      tags: design.pipeline.tags,
    };
    const exists = (await client.describePipeline(plan.pipelineName)) !== null;
    let arn: string;
    let verb = exists ? "Updated" : "Created";
    if (exists) arn = await client.updatePipeline(pipelineRequest);
    else {
      try {
        arn = await client.createPipeline({
          ...pipelineRequest,
          clientRequestToken: clientRequestToken("create", plan.definition, {}, clickId),
        });
      } catch (error) {
        // Created meanwhile (another tab, a retry whose answer was lost): update it instead.
        if (
          !/already exists|ResourceInUse/i.test(
            `${toAwsProblem(error).code} ${toAwsProblem(error).message}`,
          )
        )
          throw error;
        arn = await client.updatePipeline(pipelineRequest);
        verb = "Updated";
      }
    }
    onProgress({ stage: "pipeline", state: "done", detail: `${verb} ${plan.pipelineName}` });
    return arn;
  });

  const executionArn = await stage("start", async () => {
    onProgress({ stage: "start", state: "running", detail: "StartPipelineExecution" });
    const arn = await client.startExecution({
      pipelineName: plan.pipelineName,
      parameters,
      clientRequestToken: clientRequestToken("start", plan.definition, parameters, clickId),
    });
    onProgress({ stage: "start", state: "done", detail: arn });
    return arn;
  });
  return { pipelineArn, executionArn, uploaded, skipped };
}
