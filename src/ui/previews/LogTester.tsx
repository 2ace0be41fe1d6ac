import { memo, useDeferredValue, useId, useMemo } from "react";
import type { MetricDefinition } from "../../catalog";
import { matchLogLines, type LogLineResult } from "./metricMatching";

/** Pasted training-log lines, matched live against the (draft) metric definitions. */
export const LogTester = memo(function LogTester({
  metrics,
  sample,
  onSampleChange,
}: {
  metrics: MetricDefinition[];
  sample: string;
  onSampleChange: (text: string) => void;
}) {
  const id = useId();
  // Typing stays responsive on long pastes: matching follows at lower priority.
  const text = useDeferredValue(sample);
  const result = useMemo(() => matchLogLines(text, metrics), [text, metrics]);
  const matched = result.lines.filter((line) => line.matches.length > 0).length;
  const silent = result.counts.filter((count) => count.count === 0).map((count) => count.metric);

  return (
    <section className="previews__section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Test against log lines</h3>
      <label htmlFor={id} className="previews__label">
        Sample log lines
      </label>
      <textarea
        id={id}
        className="previews__sample previews__mono"
        rows={6}
        spellCheck={false}
        placeholder="Paste lines from a training log, e.g. epoch 3 Train Loss: 0.231"
        value={sample}
        onChange={(event) => onSampleChange(event.target.value)}
        aria-describedby={`${id}-note`}
      />
      <p id={`${id}-note`} className="previews__note">
        The tester uses JavaScript&apos;s regular-expression engine (<code>new RegExp</code>).
        SageMaker&apos;s engine differs in some details, so confirm unusual patterns on a real
        training job. As in SageMaker, each regex counts its first match per line and takes its
        first capture group as the value.
      </p>
      {result.totalLines === 0 ? null : (
        <>
          <p role="status" className="previews__summary">
            {matched} of {result.totalLines} lines match a metric
            {silent.length > 0 ? `; never matched: ${silent.join(", ")}` : ""}
            {result.skipped.length > 0
              ? `; not tried (regex has a problem): ${result.skipped.join(", ")}`
              : ""}
            {result.lines.length < result.totalLines
              ? `; showing the first ${result.lines.length} lines`
              : ""}
            .
          </p>
          <table className="previews__table">
            <caption>Metric matches per log line</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Log line</th>
                <th scope="col">Metrics and values</th>
              </tr>
            </thead>
            <tbody>
              {result.lines.map((line) => (
                <LogLineRow key={line.lineNumber} line={line} />
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
});

function LogLineRow({ line }: { line: LogLineResult }) {
  return (
    <tr className={line.matches.length === 0 ? "previews__unmatched" : undefined}>
      <th scope="row">{line.lineNumber}</th>
      <td>
        <code className="previews__wrap">{line.text}</code>
      </td>
      <td>
        {line.matches.length === 0 ? (
          <span className="previews__muted">No metric matches</span>
        ) : (
          <ul className="previews__matches">
            {line.matches.map((match, index) => (
              <li key={index}>
                {match.metric} = <code>{match.value ?? "(group did not capture)"}</code>
                {match.value !== null && !match.numeric ? (
                  <span className="previews__problem"> not a number: SageMaker drops it</span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}
