import { useCallback, useEffect, useRef, useState } from "react";
import {
  STAGES,
  SubmitError,
  locateProblem,
  planSubmission,
  submitPipeline,
  toAwsProblem,
  type AwsProblem,
  type Progress,
  type Stage,
  type SubmissionPlan,
} from "../../aws";
import { ownEntry, type Diagnostic } from "../../model";
import { compiledFor } from "../../store/diagnostics";
import { useDesignerStores } from "../designerContext";
import { Dialog } from "../dialogs/Dialog";
import { useAccountState } from "./account";
import { DefinitionChanges } from "./DefinitionChanges";

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Review → confirm → upload, create/update, start. Opens on a snapshot of the design. */
export function SubmitDialog({
  open,
  onClose,
  onStarted,
}: {
  open: boolean;
  onClose: () => void;
  onStarted: (executionArn: string) => void;
}) {
  return (
    <Dialog title="Submit pipeline" open={open} onClose={onClose}>
      <SubmitFlow onClose={onClose} onStarted={onStarted} />
    </Dialog>
  );
}

type Phase =
  | { kind: "refused"; errors: Diagnostic[] }
  | { kind: "planning" }
  | { kind: "planFailed"; problem: AwsProblem }
  | { kind: "review"; plan: SubmissionPlan }
  | { kind: "submitting"; plan: SubmissionPlan }
  | { kind: "failed"; plan: SubmissionPlan; error: SubmitError }
  | { kind: "started"; plan: SubmissionPlan; executionArn: string };

function SubmitFlow({
  onClose,
  onStarted,
}: {
  onClose: () => void;
  onStarted: (executionArn: string) => void;
}) {
  const stores = useDesignerStores();
  const { connection } = useAccountState();
  const [phase, setPhase] = useState<Phase>({ kind: "planning" });
  const [progress, setProgress] = useState<Partial<Record<Stage, Progress>>>({});
  const [parameters, setParameters] = useState<Record<string, string>>({});
  // One click id per opened dialog: a retry or a double click reuses it, so AWS starts one run.
  const [clickId] = useState(() => crypto.randomUUID());
  const running = useRef(false);

  const plan = useCallback(async () => {
    const design = stores.design.getState().design;
    const compiled = compiledFor(design);
    if (!compiled.ok) return setPhase({ kind: "refused", errors: compiled.errors });
    setPhase({ kind: "planning" });
    try {
      // The last gate before AWS sees it: the Problems panel's list with the official definition
      // schema checked now. A check that cannot run is a failed review, never a silent hang.
      const { blocking } = await stores.diagnostics.withSchemaChecked();
      if (blocking.length > 0) return setPhase({ kind: "refused", errors: [...blocking] });
      if (!connection) return;
      const client = await connection.pipelineClient();
      setPhase({
        kind: "review",
        plan: await planSubmission(client, design, compiled, connection.config),
      });
    } catch (error) {
      setPhase({ kind: "planFailed", problem: toAwsProblem(error) });
    }
  }, [stores, connection]);

  useEffect(() => void plan(), [plan]);

  const confirm = async (submission: SubmissionPlan) => {
    if (running.current || !connection) return;
    running.current = true;
    setPhase({ kind: "submitting", plan: submission });
    setProgress({});
    const design = stores.design.getState().design;
    const compiled = compiledFor(design);
    try {
      if (!compiled.ok || compiled.json !== submission.definition)
        throw new SubmitError("upload", {
          code: "DesignChanged",
          message: "The design changed since the review; review it again.",
        });
      const client = await connection.pipelineClient();
      const result = await submitPipeline(
        client,
        { plan: submission, uploads: compiled.uploads, design, parameters, clickId },
        (event) => setProgress((current) => ({ ...current, [event.stage]: event })),
      );
      setPhase({ kind: "started", plan: submission, executionArn: result.executionArn });
      stores.ui.getState().announce(`Submitted ${submission.pipelineName}: execution started.`);
      onStarted(result.executionArn);
    } catch (error) {
      const failure =
        error instanceof SubmitError ? error : new SubmitError("upload", toAwsProblem(error));
      setPhase({ kind: "failed", plan: submission, error: failure });
      stores.ui.getState().announce(`Submit failed: ${failure.problem.message}`);
    } finally {
      running.current = false;
    }
  };

  const useAccountSettings = () => {
    if (!connection) return;
    const { region, bucket, roleArn } = connection.config;
    stores.design.getState().updatePipeline({ region, bucket, roleArn });
    void plan();
  };

  if (!connection)
    return (
      <p role="alert">
        No AWS connection is configured. Open Settings first.
        <CloseButton onClose={onClose} />
      </p>
    );

  switch (phase.kind) {
    case "refused":
      return (
        <div role="alert">
          <p>The design does not compile; fix these first:</p>
          <ul className="submit__errors">
            {phase.errors.map((error, index) => (
              <li key={index}>
                <code>{error.code}</code> {error.path ? `${error.path}: ` : ""}
                {error.message}
              </li>
            ))}
          </ul>
          <CloseButton onClose={onClose} />
        </div>
      );
    case "planning":
      return <p role="status">Reading what is deployed…</p>;
    case "planFailed":
      return (
        <div>
          <p role="alert">
            Could not read the deployed pipeline: {phase.problem.code}: {phase.problem.message}
          </p>
          <div className="dialog__actions">
            <button type="button" onClick={onClose}>
              Close
            </button>
            <button type="button" className="primary" onClick={() => void plan()}>
              Retry
            </button>
          </div>
        </div>
      );
    default:
      return (
        <Review
          phase={phase}
          parameters={parameters}
          onParameter={(name, value) => setParameters((current) => ({ ...current, [name]: value }))}
          progress={progress}
          onConfirm={(submission) => void confirm(submission)}
          onUseAccount={useAccountSettings}
          onClose={onClose}
        />
      );
  }
}

function CloseButton({ onClose }: { onClose: () => void }) {
  return (
    <span className="dialog__actions">
      <button type="button" onClick={onClose}>
        Close
      </button>
    </span>
  );
}

function Review({
  phase,
  parameters,
  onParameter,
  progress,
  onConfirm,
  onUseAccount,
  onClose,
}: {
  phase: Extract<Phase, { plan: SubmissionPlan }>;
  parameters: Record<string, string>;
  onParameter: (name: string, value: string) => void;
  progress: Partial<Record<Stage, Progress>>;
  onConfirm: (plan: SubmissionPlan) => void;
  onUseAccount: () => void;
  onClose: () => void;
}) {
  const stores = useDesignerStores();
  const { plan } = phase;
  const design = stores.design.getState().design;
  const editable = phase.kind === "review" || phase.kind === "failed";
  const toUpload = plan.uploads.filter((upload) => !upload.present);
  return (
    <div className="submit">
      <dl className="submit__summary">
        <dt>Pipeline</dt>
        <dd aria-label="Pipeline to submit">{plan.pipelineName}</dd>
        <dt>Action</dt>
        <dd aria-label="Submit action">
          {plan.mode === "create" ? "Create a new pipeline" : "Update the deployed pipeline"}
        </dd>
        <dt>Definition</dt>
        <dd>{kb(plan.definitionBytes)}</dd>
      </dl>
      {plan.mismatches.length > 0 && (
        <div className="submit__mismatch" role="alert">
          {plan.mismatches.map((line) => (
            <p key={line}>{line}</p>
          ))}
          {editable && (
            <button type="button" onClick={onUseAccount}>
              Use this account's region, bucket and role
            </button>
          )}
        </div>
      )}
      <h3>Uploads</h3>
      {plan.uploads.length === 0 ? (
        <p>Nothing to upload.</p>
      ) : (
        <table aria-label="Uploads">
          <thead>
            <tr>
              <th scope="col">S3 object</th>
              <th scope="col">Size</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {plan.uploads.map((upload) => (
              <tr key={upload.uri}>
                <td className="submit__uri">{upload.uri}</td>
                <td>{kb(upload.size)}</td>
                <td>{upload.present ? "already in S3" : "to upload"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {plan.diff && <DefinitionChanges diff={plan.diff} />}
      {design.pipeline.parameters.length > 0 && (
        <fieldset className="submit__parameters" disabled={!editable}>
          <legend>Parameters for this run (empty = default)</legend>
          {design.pipeline.parameters.map((parameter) => (
            <label key={parameter.name}>
              {parameter.name}
              <input
                value={ownEntry(parameters, parameter.name) ?? ""}
                placeholder={parameter.default === undefined ? "" : String(parameter.default)}
                onChange={(event) => onParameter(parameter.name, event.target.value)}
              />
            </label>
          ))}
        </fieldset>
      )}
      {phase.kind !== "review" && <StageList progress={progress} phase={phase} />}
      <div className="dialog__actions">
        <button type="button" onClick={onClose}>
          {phase.kind === "started" ? "Close" : "Cancel"}
        </button>
        {editable && (
          <button type="button" className="primary" onClick={() => onConfirm(plan)}>
            {phase.kind === "failed"
              ? "Retry"
              : `Confirm: ${plan.mode} and start (${toUpload.length} upload${toUpload.length === 1 ? "" : "s"})`}
          </button>
        )}
      </div>
    </div>
  );
}

function StageList({
  progress,
  phase,
}: {
  progress: Partial<Record<Stage, Progress>>;
  phase: Extract<Phase, { plan: SubmissionPlan }>;
}) {
  const stores = useDesignerStores();
  const design = stores.design.getState().design;
  const failure = phase.kind === "failed" ? phase.error : null;
  const location = failure ? locateProblem(design, failure.problem) : {};
  const step = design.steps.find((candidate) => candidate.id === location.stepId);
  return (
    <>
      <ol className="submit__stages" aria-label="Submission progress">
        {STAGES.map(({ stage, label }) => {
          const event = progress[stage];
          const state = failure?.stage === stage ? "failed" : (event?.state ?? "waiting");
          return (
            <li key={stage} className={`stage stage--${state}`} aria-label={`${label}: ${state}`}>
              <strong>{label}</strong> — {state}
              {event?.detail ? <span className="stage__detail"> ({event.detail})</span> : null}
            </li>
          );
        })}
      </ol>
      {failure && (
        <div role="alert" className="submit__failure">
          <p>
            {failure.problem.code}: {failure.problem.message}
          </p>
          <p>Nothing in your design changed; fix the cause and retry.</p>
          {step && (
            <button
              type="button"
              onClick={() => {
                stores.ui.getState().select([step.id]);
                stores.ui.getState().announce(`The error concerns step ${step.name}.`);
              }}
            >
              Concerns step {step.name}: select it
            </button>
          )}
          {location.pipelineField && (
            <p>Concerns the pipeline's {location.pipelineField} setting.</p>
          )}
        </div>
      )}
      {phase.kind === "started" && (
        <p role="status" className="submit__started">
          Execution started: <code>{phase.executionArn}</code>
        </p>
      )}
    </>
  );
}
