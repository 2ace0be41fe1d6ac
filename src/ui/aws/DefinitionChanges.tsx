import type { DefinitionDiff, EntryChange } from "../../compiler";

const MAX_DETAILS = 6;

/** What an update changes in the deployed pipeline, step by step. */
export function DefinitionChanges({ diff }: { diff: DefinitionDiff }) {
  return (
    <section aria-label="Changes to the deployed pipeline">
      <h3>Changes to the deployed pipeline</h3>
      {diff.unreadable ? (
        <p>The deployed definition is not JSON ({diff.unreadable}); it will be replaced.</p>
      ) : diff.identical ? (
        <p>No changes: the deployed definition is identical.</p>
      ) : (
        <ul className="submit__diff">
          {[
            ...diff.steps.map((c) => ["Step", c] as const),
            ...diff.parameters.map((c) => ["Parameter", c] as const),
          ].map(([kind, change]) => (
            <Change key={`${kind}:${change.name}`} kind={kind} change={change} />
          ))}
          {diff.other.map((change) => (
            <li key={change.path}>
              {change.path}: {change.before ?? "—"} → {change.after ?? "—"}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Change({ kind, change }: { kind: string; change: EntryChange }) {
  return (
    <li>
      {kind} <strong>{change.name}</strong> {change.change}
      {change.details.length > 0 && (
        <ul>
          {change.details.slice(0, MAX_DETAILS).map((detail) => (
            <li key={detail.path}>
              <code>{detail.path}</code>: {detail.before ?? "—"} → {detail.after ?? "—"}
            </li>
          ))}
          {change.details.length > MAX_DETAILS && (
            <li>…and {change.details.length - MAX_DETAILS} more</li>
          )}
        </ul>
      )}
    </li>
  );
}
