import type { SageMakerStepKind, StepCode } from "../catalog";
import type { BranchOutput, Design, Step } from "../model";
import { contentHash, packedSourceDir, utf8, type PackedArchive } from "./codeArchive";
import { stepProperty, type Expression } from "./expressions";
import type { RenderedStep } from "./steps/shared";
import type { ResolvedStep } from "./validate";

/** A file submission must put in S3 before CreatePipeline, with the bytes the definition refers to. */
export interface Upload {
  stepId: string;
  kind: "code" | "entrypoint" | "hyperparameters";
  uri: string;
  bytes: Uint8Array;
  contentType: string;
  /** SHA-256 prefix of the bytes: the same content is never uploaded twice. */
  hash: string;
}

/**
 * The SageMaker step that carries a design step's properties: a model step renders as the SDK's
 * ModelStep, a StepCollection whose properties are its last step's (`-CreateModel`,
 * `-RegisterModel`; workflow/model_step.py:_REGISTER_MODEL_NAME_BASE, _CREATE_MODEL_NAME_BASE).
 */
export const PROPERTY_STEP_SUFFIX: Readonly<Record<SageMakerStepKind, string>> = {
  Processing: "",
  Training: "",
  Model: "-CreateModel",
  RegisterModel: "-RegisterModel",
  Condition: "",
  Fail: "",
  Transform: "",
};

/** What every step renderer needs: settings, resolved steps, the link table and the upload list. */
export class CompileContext {
  readonly uploads: Upload[] = [];
  readonly pipelineS3Loc: string;
  /** Condition id → its branches' finished steps, filled by compile() before the condition renders. */
  readonly branchSteps = new Map<string, Record<BranchOutput, RenderedStep[]>>();

  constructor(
    readonly design: Design,
    readonly resolved: Map<string, ResolvedStep>,
  ) {
    const prefix = design.pipeline.s3Prefix.replace(/^\/+|\/+$/g, "");
    this.pipelineS3Loc = `s3://${design.pipeline.bucket}${prefix ? `/${prefix}` : ""}`;
  }

  get region(): string {
    return this.design.pipeline.region;
  }

  get roleArn(): string {
    return this.design.pipeline.roleArn;
  }

  /**
   * The SDK's `default_bucket_prefix` equivalent of s3Prefix, as the SDK puts it in the
   * processing-output URIs it derives: none when s3Prefix is empty or is the pipeline name (the
   * SDK already puts the pipeline name there), else the prefix as one value.
   */
  get bucketPrefixSegments(): string[] {
    const prefix = this.design.pipeline.s3Prefix.split("/").filter(Boolean).join("/");
    return prefix === "" || prefix === this.design.pipeline.name ? [] : [prefix];
  }

  step(id: string): ResolvedStep {
    const found = this.resolved.get(id);
    if (!found) throw new Error(`step ${id} was not resolved`);
    return found;
  }

  /** The SageMaker step that exposes a design step's outputs (see PROPERTY_STEP_SUFFIX). */
  definitionStepName(step: Step): string {
    return `${step.name}${PROPERTY_STEP_SUFFIX[this.step(step.id).definition.sagemakerKind]}`;
  }

  /** The property reference that feeds `input` of a step, or undefined when no link feeds it. */
  inputExpression(stepId: string, input: string): Expression | undefined {
    const edge = this.design.edges.find(
      (candidate) => candidate.to.step === stepId && candidate.to.input === input,
    );
    if (!edge) return undefined;
    const source = this.step(edge.from.step);
    const output = source.definition.outputs.find(
      (candidate) => candidate.logicalName === edge.from.output,
    );
    if (!output) return undefined;
    return stepProperty(this.definitionStepName(source.step), output.propertyPath);
  }

  /** The step that feeds `input`, for defaults taken from upstream (e.g. a model's framework version). */
  inputSource(stepId: string, input: string): ResolvedStep | undefined {
    const edge = this.design.edges.find(
      (candidate) => candidate.to.step === stepId && candidate.to.input === input,
    );
    return edge ? this.resolved.get(edge.from.step) : undefined;
  }

  /** Registers a file to upload under `{pipelineS3Loc}/code/{stepName}/{hash}/{fileName}` and returns its URI. */
  addCodeUpload(
    step: Step,
    kind: "code" | "entrypoint",
    fileName: string,
    bytes: Uint8Array,
    contentType: string,
  ): string {
    return this.addHashedUpload(
      step,
      kind,
      fileName,
      { bytes, hash: contentHash(bytes) },
      contentType,
    );
  }

  private addHashedUpload(
    step: Step,
    kind: "code" | "entrypoint",
    fileName: string,
    { bytes, hash }: PackedArchive,
    contentType: string,
  ): string {
    const uri = `${this.pipelineS3Loc}/code/${step.name}/${hash}/${fileName}`;
    this.uploads.push({ stepId: step.id, kind, uri, bytes, contentType, hash });
    return uri;
  }

  /** The S3 URI of a step's code archive: the given URI, or the packed inline files' upload. */
  codeUri(step: Step, code: StepCode, extraFiles: Record<string, string> = {}): string {
    if ("s3Uri" in code) return code.s3Uri;
    const archive = packedSourceDir({ ...code.files, ...extraFiles });
    return this.addHashedUpload(step, "code", "sourcedir.tar.gz", archive, "application/gzip");
  }

  addFileUpload(
    step: Step,
    kind: Upload["kind"],
    uri: string,
    text: string,
    contentType: string,
  ): void {
    const bytes = utf8(text);
    this.uploads.push({ stepId: step.id, kind, uri, bytes, contentType, hash: contentHash(bytes) });
  }
}
