import { memo, useMemo } from "react";
import type { DesignState } from "../../store/designStore";
import { useCompiled, useDesign } from "../designerContext";
import {
  findDefinitionStep,
  hyperparametersFileOf,
  inputRowsOf,
  type HyperparametersFile,
  type TrainingChannelRow,
} from "./channelRows";
import { DiagnosticList } from "./DiagnosticList";
import { useSelectedStep, type SelectedStep } from "./useSelectedStep";

const selectSteps = (state: DesignState) => state.design.steps;

/** Step kinds the Channels preview shows inputs of: training channels, processing inputs, transform input. */
const WITH_INPUTS = new Set(["Training", "Processing", "Transform"]);

/** The sentence shown instead of the inputs, or null when a step with inputs is selected. */
function channelsHint(selected: SelectedStep): string | null {
  if (selected.count === 0)
    return "Select a training, processing or transform step on the canvas to see its input channels.";
  if (!selected.step) return "Select a single step to see its input channels.";
  if (!WITH_INPUTS.has(selected.definition?.sagemakerKind ?? ""))
    return `${selected.step.name} is a ${selected.definition?.displayName ?? selected.step.type} step; it reads no input channels.`;
  return null;
}

/**
 * The selected step's inputs as the compiled definition gives them: a training step's channels,
 * a processing step's inputs (evaluation included), a batch transform's input — at the top level
 * or inside a condition's branch.
 */
export const ChannelsPanel = memo(function ChannelsPanel() {
  const selected = useSelectedStep();
  const steps = useDesign(selectSteps);
  const { result, diagnostics } = useCompiled();
  const step = selected.step;

  const hasInputs = WITH_INPUTS.has(selected.definition?.sagemakerKind ?? "");
  const channels = useMemo(() => {
    if (!result.ok || !step || !hasInputs) return null;
    const definitionStep = findDefinitionStep(result.definition, step.name);
    const rows = (definitionStep && inputRowsOf(definitionStep)) ?? [];
    const file = hyperparametersFileOf(result.uploads, step.id);
    // The channel whose S3 folder holds the file tells where the script finds it.
    const holder = file && rows.find((row) => file.uri.startsWith(row.source.text));
    const containerFile =
      file && holder
        ? `${holder.containerPath}/${file.uri.slice(holder.source.text.length)}`
        : null;
    return { rows, file, containerFile };
  }, [result, step, hasInputs]);

  const hint = channelsHint(selected);
  if (hint || !step) return <p className="previews__hint">{hint}</p>;

  if (!channels) {
    const own = diagnostics.filter((diagnostic) => diagnostic.stepId === step.id);
    return (
      <div>
        <p className="previews__error">
          The design does not compile, so there are no channels to show for {step.name}.
        </p>
        {own.length > 0 ? (
          <DiagnosticList diagnostics={own} steps={steps} label={`Problems of ${step.name}`} />
        ) : (
          <p className="previews__hint">
            {step.name} itself has no problems; fix the errors in the other steps (see Problems).
          </p>
        )}
      </div>
    );
  }

  return (
    <div>
      <ChannelTable
        stepName={step.name}
        rows={channels.rows}
        caption={selected.isTraining ? `Input channels of ${step.name}` : `Inputs of ${step.name}`}
        nameHeader={selected.isTraining ? "Channel" : "Input"}
      />
      {channels.file ? (
        <HyperparametersFileView file={channels.file} containerFile={channels.containerFile} />
      ) : null}
    </div>
  );
});

const ChannelTable = memo(function ChannelTable({
  stepName,
  rows,
  caption,
  nameHeader,
}: {
  stepName: string;
  rows: TrainingChannelRow[];
  caption: string;
  nameHeader: string;
}) {
  if (rows.length === 0)
    return <p className="previews__hint">{stepName} has no input channels in the definition.</p>;
  return (
    <table className="previews__table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{nameHeader}</th>
          <th scope="col">S3 source</th>
          <th scope="col">Container path</th>
          <th scope="col">Content type</th>
          <th scope="col">Input mode</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.channel}>
            <th scope="row">
              <code>{row.channel}</code>
            </th>
            <td>
              <code className="previews__wrap">{row.source.text}</code>
              <div className="previews__origin">{row.source.origin}</div>
            </td>
            <td>
              <code>{row.containerPath}</code>
            </td>
            <td>{row.contentType}</td>
            <td>{row.inputMode}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
});

const HyperparametersFileView = memo(function HyperparametersFileView({
  file,
  containerFile,
}: {
  file: HyperparametersFile;
  containerFile: string | null;
}) {
  return (
    <section className="previews__section" aria-label="Hyperparameters file">
      <h3>Hyperparameters file</h3>
      <dl className="previews__facts">
        <dt>S3 key</dt>
        <dd>
          <code className="previews__wrap">{file.key}</code>
        </dd>
        <dt>S3 URI</dt>
        <dd>
          <code className="previews__wrap">{file.uri}</code>
        </dd>
        {containerFile ? (
          <>
            <dt>In the container</dt>
            <dd>
              <code>{containerFile}</code>
            </dd>
          </>
        ) : null}
      </dl>
      <pre className="previews__pre" aria-label="hyperparameters.json content" tabIndex={0}>
        {file.content}
      </pre>
    </section>
  );
});
