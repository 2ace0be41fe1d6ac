import { useCallback, useEffect, useState } from "react";
import {
  TERMINAL_STATUSES,
  isMissingResource,
  toAwsProblem,
  watchExecution,
  type ExecutionSummary,
  type RunSnapshot,
} from "../../aws";
import type { DesignState } from "../../store/designStore";
import { useDesign, useDesignerStores } from "../designerContext";
import { NOT_RUN, notRunSteps } from "../runStatus";
import { copyText } from "../previews/fileActions";
import { useAccountState, useConnectionState } from "./account";

const selectPipelineName = (state: DesignState) => state.design.pipeline.name;
const selectDesign = (state: DesignState) => state.design;
const shortArn = (arn: string) => arn.split("/").at(-1) ?? arn;
/** A job ARN without its `arn:aws:sagemaker:<region>:<account>:` prefix, e.g. `trainingjob/Train`. */
const jobResource = (arn: string) => arn.slice(arn.lastIndexOf(":") + 1) || arn;
const time = (date?: Date) => (date ? date.toLocaleTimeString() : "—");

/**
 * Executions of this pipeline; the selected one is polled until it ends and colours the canvas.
 * `focusArn` selects a run from outside (a submission that just started it).
 */
export function RunsPanel({ focusArn }: { focusArn: string | null }) {
  const { connection } = useAccountState();
  const { user } = useConnectionState();
  const pipelineName = useDesign(selectPipelineName);
  const stores = useDesignerStores();
  const [executions, setExecutions] = useState<ExecutionSummary[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [snapshot, setSnapshot] = useState<RunSnapshot | null>(null);
  const [parameters, setParameters] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    if (!connection || !user) return;
    try {
      const client = await connection.pipelineClient();
      setExecutions(await client.listExecutions(pipelineName));
      setError(null);
    } catch (caught) {
      const problem = toAwsProblem(caught);
      // A pipeline that was never submitted has no runs; that is not an error.
      setExecutions([]);
      setError(isMissingResource(problem) ? null : `${problem.code}: ${problem.message}`);
    }
  }, [connection, user, pipelineName]);

  useEffect(() => void refresh(), [refresh]);
  useEffect(() => {
    if (!focusArn) return;
    setSelected(focusArn);
    void refresh();
  }, [focusArn, refresh]);
  useEffect(() => {
    if (!user) setSelected(null);
  }, [user]);

  useEffect(() => {
    const ui = stores.ui.getState();
    if (!selected || !connection || !user) {
      setSnapshot(null);
      ui.setRun(null);
      return;
    }
    let stop = () => {};
    let cancelled = false;
    void connection.pipelineClient().then((client) => {
      if (cancelled) return;
      client.executionParameters(selected).then(setParameters, () => setParameters({}));
      stop = watchExecution(client, selected, (next) => {
        setSnapshot(next);
        stores.ui.getState().setRun({
          executionArn: selected,
          status: next.execution.status,
          steps: next.steps,
          notRun: next.notRun,
        });
        if (next.terminal) void refresh();
      });
    });
    return () => {
      cancelled = true;
      stop();
    };
  }, [selected, connection, user, stores, refresh]);

  const stopRun = async () => {
    if (!connection || !selected) return;
    try {
      const client = await connection.pipelineClient();
      await client.stopExecution(selected, crypto.randomUUID());
      stores.ui.getState().announce("Stop requested.");
    } catch (caught) {
      const problem = toAwsProblem(caught);
      setError(`${problem.code}: ${problem.message}`);
    }
  };

  return (
    <section className="runs" aria-label="Runs">
      <header className="runs__header">
        <h2>Runs</h2>
        <button type="button" onClick={() => void refresh()} disabled={!user}>
          Refresh runs
        </button>
      </header>
      {!user ? (
        <p>Sign in to see this pipeline's runs.</p>
      ) : (
        <>
          {error && <p role="alert">{error}</p>}
          {executions.length === 0 ? (
            <p>No runs of {pipelineName} yet.</p>
          ) : (
            <ul className="runs__list" aria-label="Executions">
              {executions.map((execution) => (
                <li key={execution.arn}>
                  <button
                    type="button"
                    aria-pressed={execution.arn === selected}
                    title={execution.arn}
                    onClick={() => setSelected(execution.arn === selected ? null : execution.arn)}
                  >
                    {shortArn(execution.arn)} · {execution.status} · {time(execution.startTime)}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {snapshot && selected && (
            <RunDetails snapshot={snapshot} parameters={parameters} onStop={() => void stopRun()} />
          )}
        </>
      )}
    </section>
  );
}

function RunDetails({
  snapshot,
  parameters,
  onStop,
}: {
  snapshot: RunSnapshot;
  parameters: Record<string, string>;
  onStop: () => void;
}) {
  const { execution, steps } = snapshot;
  const design = useDesign(selectDesign);
  // Steps of the branch the finished run did not take: listed, so the table accounts for every step.
  const notRun = notRunSteps(design, { status: execution.status, steps, notRun: snapshot.notRun });
  return (
    <div className="runs__details">
      <p className="runs__status" role="status" aria-label="Run status" title={execution.arn}>
        {shortArn(execution.arn)}: {execution.status}
        {execution.failureReason ? ` — ${execution.failureReason}` : ""}
      </p>
      {snapshot.error && <p role="alert">Polling: {snapshot.error}</p>}
      {Object.keys(parameters).length > 0 && (
        <p className="runs__parameters">
          {Object.entries(parameters)
            .map(([name, value]) => `${name}=${value}`)
            .join(", ")}
        </p>
      )}
      {!TERMINAL_STATUSES.includes(execution.status) && (
        <button type="button" onClick={onStop}>
          Stop run
        </button>
      )}
      <table aria-label="Run steps">
        <colgroup>
          <col className="runs__col-step" />
          <col className="runs__col-status" />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Status</th>
            <th scope="col">Job / reason</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((step) => (
            <tr key={step.name}>
              <td className="runs__cell" title={step.name}>
                <span className="runs__step">{step.name}</span>
              </td>
              <td className="runs__cell">{step.status}</td>
              <td className="runs__job">
                {step.jobArn && <JobArn arn={step.jobArn} />}
                {step.failureReason && (
                  <span className="runs__reason" title={step.failureReason}>
                    {step.failureReason}
                  </span>
                )}
              </td>
            </tr>
          ))}
          {notRun.map(({ name, reason }) => (
            <tr key={`not-run-${name}`} className="runs__not-run">
              <td className="runs__cell" title={name}>
                <span className="runs__step">{name}</span>
              </td>
              <td className="runs__cell">{NOT_RUN}</td>
              <td className="runs__job">
                <span className="runs__reason" title={reason}>
                  {reason}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A job ARN shortened to its resource part (`processingjob/Prepare`), on at most two lines and
 * then cut with an ellipsis; the whole ARN on hover (title) and on the clipboard ("Copy job ARN").
 */
function JobArn({ arn }: { arn: string }) {
  const stores = useDesignerStores();
  return (
    <span className="runs__arn">
      <code className="runs__arn-text" title={arn}>
        {jobResource(arn)}
      </code>
      <button
        type="button"
        className="runs__copy"
        aria-label="Copy job ARN"
        title="Copy job ARN"
        onClick={() =>
          void copyText(arn, "job ARN").then((said) => stores.ui.getState().announce(said))
        }
      >
        <svg aria-hidden="true" width="12" height="12" viewBox="0 0 12 12">
          <rect x="3.5" y="3.5" width="7" height="7" rx="1" fill="none" stroke="currentColor" />
          <path d="M1.5 8V1.5H8" fill="none" stroke="currentColor" />
        </svg>
      </button>
    </span>
  );
}
