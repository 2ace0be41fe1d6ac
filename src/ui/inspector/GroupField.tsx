import type { Diagnostic } from "../../model";
import { useDesignerStores } from "../designerContext";
import { describedBy, FieldMessages, FieldShell, useCommitDraft, useFieldIds } from "./FieldShell";
import { hasError, messagesOf, problemsUnder } from "./fieldProblems";
import { displayValue, groupCommit, parseScalarText } from "./fieldValues";
import { legendClass, type FormField, type GroupMember } from "./schemaFields";

export interface GroupFieldProps {
  stepId: string;
  field: FormField;
  stored: unknown;
  problems: readonly Diagnostic[];
}

/** A small nested object (checkpoints, profiler): one control per member, each commit one step. */
export function GroupField({ stepId, field, stored, problems }: GroupFieldProps) {
  const stores = useDesignerStores();
  const ids = useFieldIds();
  const current = (stored && typeof stored === "object" ? stored : {}) as Record<string, unknown>;
  const defaults = (field.defaultValue ?? {}) as Record<string, unknown>;
  const set = (member: string, value: unknown) => {
    if (value === current[member]) return;
    const commit = groupCommit(field.key, stored, member, value);
    stores.design.getState().setStepConfigValue(stepId, commit.path, commit.value);
  };
  const members = field.members ?? [];
  // An optional group that is not set (XGBoost's profiler) is off: its members' defaults do not apply.
  const absent = stored === undefined && field.optional && field.defaultValue === undefined;
  const own = problems.filter(
    (diagnostic) => !members.some((member) => diagnostic.path === `${field.key}.${member.key}`),
  );
  const messages = messagesOf(own);
  const invalid = hasError(own);
  return (
    <fieldset
      className={`insp-field insp-group${invalid ? " insp-field--invalid" : ""}`}
      aria-describedby={describedBy(ids, messages, field.meta.help)}
    >
      <legend className={legendClass(field)}>{field.meta.label}</legend>
      {members.map((member) => (
        <MemberControl
          key={member.key}
          member={member}
          value={current[member.key]}
          fallback={absent ? undefined : (member.defaultValue ?? defaults[member.key])}
          problems={problemsUnder(problems, `${field.key}.${member.key}`)}
          onCommit={(value) => set(member.key, value)}
        />
      ))}
      <FieldMessages ids={ids} messages={messages} invalid={invalid} help={field.meta.help} />
    </fieldset>
  );
}

interface MemberControlProps {
  member: GroupMember;
  value: unknown;
  /** The default in force when the member is not set. */
  fallback: unknown;
  problems: readonly Diagnostic[];
  onCommit: (value: unknown) => void;
}

function MemberControl({ member, value, fallback, problems, onCommit }: MemberControlProps) {
  const ids = useFieldIds();
  const draft = useCommitDraft(displayValue(value), (text) => {
    const parsed = parseScalarText(text, member.valueType);
    if (!parsed.ok) return parsed.message;
    onCommit(parsed.value);
    return null;
  });
  const messages = messagesOf(problems, draft.problem);
  const invalid = hasError(problems, draft.problem);
  const aria = {
    id: ids.id,
    "aria-invalid": invalid || undefined,
    "aria-describedby": describedBy(ids, messages, undefined),
  };
  let control;
  if (member.valueType === "boolean") {
    control = (
      <input
        {...aria}
        type="checkbox"
        className="insp-toggle"
        checked={Boolean(value ?? fallback)}
        onChange={(event) => onCommit(event.target.checked)}
      />
    );
  } else if (member.options) {
    control = (
      <select
        {...aria}
        value={displayValue(value)}
        onChange={(event) => {
          const chosen = event.target.value;
          onCommit(chosen === "" ? undefined : member.valueType === "string" ? chosen : +chosen);
        }}
      >
        <option value="">
          {fallback === undefined ? "Not set" : `Default (${displayValue(fallback)})`}
        </option>
        {member.options.map((option) => (
          <option key={option} value={String(option)}>
            {String(option)}
          </option>
        ))}
      </select>
    );
  } else {
    control = (
      <input
        {...aria}
        type="text"
        inputMode={member.valueType === "string" ? undefined : "decimal"}
        placeholder={displayValue(fallback)}
        {...draft.inputProps}
      />
    );
  }
  return (
    <FieldShell ids={ids} label={member.label} messages={messages} invalid={invalid}>
      {control}
    </FieldShell>
  );
}
