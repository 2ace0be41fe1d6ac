import { JOB_EXCEPTION_TYPES, STEP_EXCEPTION_TYPES } from "../../catalog";
import type { Diagnostic } from "../../model";
import type { ConfigPath } from "../../store/configPath";
import { useDesignerStores } from "../designerContext";
import { pathText } from "./conditionModel";
import { describedBy, FieldMessages, useCommitDraft, useFieldIds } from "./FieldShell";
import { hasError, messagesOf, pathWithin, problemsUnder } from "./fieldProblems";
import { displayValue, parseScalarText } from "./fieldValues";
import { legendClass, type FormField } from "./schemaFields";

export interface RetryPoliciesFieldProps {
  stepId: string;
  field: FormField;
  stored: unknown;
  problems: readonly Diagnostic[];
}

type Kind = "step" | "job";
const EXCEPTIONS: Record<Kind, readonly string[]> = {
  step: STEP_EXCEPTION_TYPES,
  job: JOB_EXCEPTION_TYPES,
};
const KIND_LABELS: Record<Kind, string> = {
  step: "Step (throttling, faults)",
  job: "Job (capacity, errors)",
};
/** The SDK's defaults (StepRetryPolicy / SageMakerJobStepRetryPolicy), shown as placeholders. */
const DEFAULTS = { intervalSeconds: 1, backoffRate: 2, maxAttempts: 3, expireAfterMinutes: 60 };
const MEMBERS = [
  "kind",
  "exceptionTypes",
  "intervalSeconds",
  "backoffRate",
  "maxAttempts",
  "expireAfterMinutes",
];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A new policy: the step retries on throttling, up to 3 attempts (interval and backoff default). */
export const NEW_RETRY_POLICY = {
  kind: "step",
  exceptionTypes: ["Step.THROTTLING"],
  maxAttempts: DEFAULTS.maxAttempts,
};

/** A policy switched to the other kind: its exception types become the new kind's (at least one). */
export function withKind(policy: Record<string, unknown>, kind: Kind): Record<string, unknown> {
  const types = Array.isArray(policy.exceptionTypes) ? policy.exceptionTypes : [];
  const kept = types.filter((type) => EXCEPTIONS[kind].includes(String(type)));
  return {
    ...policy,
    kind,
    exceptionTypes: kept.length > 0 ? kept : [EXCEPTIONS[kind][0]],
  };
}

/** A policy limited by attempts or by time: the other limit is removed, the chosen one set. */
export function withLimit(
  policy: Record<string, unknown>,
  limit: "maxAttempts" | "expireAfterMinutes",
): Record<string, unknown> {
  const next = { ...policy };
  delete next.maxAttempts;
  delete next.expireAfterMinutes;
  next[limit] = policy[limit] ?? DEFAULTS[limit];
  return next;
}

/**
 * Retry policies (the Advanced section): each retries the step on throttling or service faults,
 * or its job on capacity and internal errors, with an interval, a backoff rate and either a
 * number of attempts or a time limit. Every change is one commit (one undo step).
 */
export function RetryPoliciesField({ stepId, field, stored, problems }: RetryPoliciesFieldProps) {
  const stores = useDesignerStores();
  const ids = useFieldIds();
  const policies = Array.isArray(stored) ? stored : [];
  const set = (path: ConfigPath, value: unknown) =>
    stores.design.getState().setStepConfigValue(stepId, [field.key, ...path], value);
  const setAll = (next: unknown[]) =>
    stores.design
      .getState()
      .setStepConfigValue(stepId, [field.key], next.length > 0 ? next : undefined);
  const own = problems.filter(
    (diagnostic) =>
      !policies.some((_, index) =>
        MEMBERS.some((member) => pathWithin(diagnostic.path, `${field.key}[${index}].${member}`)),
      ),
  );
  const messages = messagesOf(own);
  const invalid = hasError(own);
  return (
    <fieldset
      className={`insp-field insp-retry${invalid ? " insp-field--invalid" : ""}`}
      aria-describedby={describedBy(ids, messages, field.meta.help)}
    >
      <legend className={legendClass(field)}>{field.meta.label}</legend>
      {policies.length === 0 && <p className="insp-muted">None: a failure fails the step.</p>}
      {policies.map((policy, index) => (
        <PolicyEditor
          key={index}
          index={index}
          policy={isRecord(policy) ? policy : {}}
          at={pathText([field.key, index])}
          problems={problems}
          onChange={(next) => set([index], next)}
          onRemove={() => setAll(policies.filter((_, at) => at !== index))}
        />
      ))}
      <button
        type="button"
        className="insp-add"
        onClick={() => setAll([...policies, { ...NEW_RETRY_POLICY }])}
      >
        Add retry policy
      </button>
      <FieldMessages ids={ids} messages={messages} invalid={invalid} help={field.meta.help} />
    </fieldset>
  );
}

function PolicyEditor({
  index,
  policy,
  at,
  problems,
  onChange,
  onRemove,
}: {
  index: number;
  policy: Record<string, unknown>;
  at: string;
  problems: readonly Diagnostic[];
  onChange: (policy: Record<string, unknown>) => void;
  onRemove: () => void;
}) {
  const ids = useFieldIds();
  const label = `Retry policy ${index + 1}`;
  const kind: Kind = policy.kind === "job" ? "job" : "step";
  const types = Array.isArray(policy.exceptionTypes) ? policy.exceptionTypes.map(String) : [];
  const limit = policy.expireAfterMinutes !== undefined ? "expireAfterMinutes" : "maxAttempts";
  const typeProblems = problemsUnder(problems, `${at}.exceptionTypes`);
  const kindProblems = problemsUnder(problems, `${at}.kind`);
  const typesError = `${ids.id}-types-error`;
  const set = (member: string, value: unknown) => {
    const next = { ...policy };
    if (value === undefined) delete next[member];
    else next[member] = value;
    onChange(next);
  };
  return (
    <fieldset className="insp-condition insp-retry__policy">
      <legend>{label}</legend>
      <div className="insp-condition__line">
        <span aria-hidden="true">Kind</span>
        <select
          aria-label={`${label} kind`}
          value={kind}
          aria-invalid={hasError(kindProblems) || undefined}
          onChange={(event) => onChange(withKind(policy, event.target.value as Kind))}
        >
          {(["step", "job"] as const).map((value) => (
            <option key={value} value={value}>
              {KIND_LABELS[value]}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="insp-icon-button"
          aria-label={`Remove ${label.toLowerCase()}`}
          title={`Remove ${label.toLowerCase()}`}
          onClick={onRemove}
        >
          ×
        </button>
      </div>
      <fieldset
        className="insp-retry__types"
        aria-describedby={typeProblems.length > 0 ? typesError : undefined}
      >
        <legend>Exception types</legend>
        {EXCEPTIONS[kind].map((type) => (
          <label key={type} className="insp-check">
            <input
              type="checkbox"
              aria-label={`${label}: ${type}`}
              checked={types.includes(type)}
              aria-invalid={hasError(typeProblems) || undefined}
              aria-describedby={typeProblems.length > 0 ? typesError : undefined}
              onChange={(event) =>
                set(
                  "exceptionTypes",
                  event.target.checked
                    ? EXCEPTIONS[kind].filter((known) => known === type || types.includes(known))
                    : types.filter((known) => known !== type),
                )
              }
            />
            <span className="insp-mono">{type}</span>
          </label>
        ))}
        {typeProblems.length > 0 && (
          <p id={typesError} className="insp-field__error">
            {messagesOf(typeProblems).join(" · ")}
          </p>
        )}
      </fieldset>
      <NumberMember
        label={`${label} interval (s)`}
        caption="Interval (s)"
        value={policy.intervalSeconds}
        fallback={DEFAULTS.intervalSeconds}
        integer
        problems={problemsUnder(problems, `${at}.intervalSeconds`)}
        onCommit={(value) => set("intervalSeconds", value)}
      />
      <NumberMember
        label={`${label} backoff rate`}
        caption="Backoff rate"
        value={policy.backoffRate}
        fallback={DEFAULTS.backoffRate}
        problems={problemsUnder(problems, `${at}.backoffRate`)}
        onCommit={(value) => set("backoffRate", value)}
      />
      <div className="insp-condition__line">
        <span aria-hidden="true">Stop after</span>
        <select
          aria-label={`${label} limit`}
          value={limit}
          onChange={(event) =>
            onChange(withLimit(policy, event.target.value as "maxAttempts" | "expireAfterMinutes"))
          }
        >
          <option value="maxAttempts">Max attempts</option>
          <option value="expireAfterMinutes">Expire after (minutes)</option>
        </select>
      </div>
      {limit === "maxAttempts" ? (
        <NumberMember
          label={`${label} max attempts`}
          caption="Max attempts"
          value={policy.maxAttempts}
          fallback={undefined}
          integer
          problems={problemsUnder(problems, `${at}.maxAttempts`)}
          onCommit={(value) => set("maxAttempts", value)}
        />
      ) : (
        <NumberMember
          label={`${label} expire after (minutes)`}
          caption="Expire after (minutes)"
          value={policy.expireAfterMinutes}
          fallback={undefined}
          integer
          problems={problemsUnder(problems, `${at}.expireAfterMinutes`)}
          onCommit={(value) => set("expireAfterMinutes", value)}
        />
      )}
    </fieldset>
  );
}

function NumberMember({
  label,
  caption,
  value,
  fallback,
  integer,
  problems,
  onCommit,
}: {
  label: string;
  caption: string;
  value: unknown;
  fallback: number | undefined;
  integer?: boolean;
  problems: readonly Diagnostic[];
  onCommit: (value: number | undefined) => void;
}) {
  const ids = useFieldIds();
  const draft = useCommitDraft(displayValue(value), (text) => {
    const parsed = parseScalarText(text, integer ? "integer" : "number");
    if (!parsed.ok) return parsed.message;
    onCommit(parsed.value as number | undefined);
    return null;
  });
  const messages = messagesOf(problems, draft.problem);
  const invalid = hasError(problems, draft.problem);
  return (
    <div className="insp-condition__line">
      <span aria-hidden="true">{caption}</span>
      <input
        type="text"
        inputMode="decimal"
        aria-label={label}
        placeholder={fallback === undefined ? "" : String(fallback)}
        aria-invalid={invalid || undefined}
        aria-describedby={messages.length > 0 ? ids.errorId : undefined}
        {...draft.inputProps}
      />
      <FieldMessages ids={ids} messages={messages} invalid={invalid} />
    </div>
  );
}
