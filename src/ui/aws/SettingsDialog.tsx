import { useId, useState, type FormEvent } from "react";
import { CONNECTION_FIELDS, parseConnectionConfig, type ConnectionConfig } from "../../aws";
import { Dialog } from "../dialogs/Dialog";
import { useAccount, useAccountState } from "./account";

/** The AWS connection: Cognito pools, bucket, role and an optional endpoint (the local emulator). */
export function SettingsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog title="Settings" open={open} onClose={onClose}>
      <SettingsForm onClose={onClose} />
    </Dialog>
  );
}

function SettingsForm({ onClose }: { onClose: () => void }) {
  const account = useAccount();
  const { connection, problems, source } = useAccountState();
  const [values, setValues] = useState<Record<string, string>>(() => {
    const config: Partial<ConnectionConfig> = connection?.config ?? {};
    return Object.fromEntries(CONNECTION_FIELDS.map(({ key }) => [key, String(config[key] ?? "")]));
  });
  const [errors, setErrors] = useState<string[]>(problems);
  const baseId = useId();

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const candidate = Object.fromEntries(
      Object.entries(values)
        .filter(([, value]) => value.trim() !== "")
        .map(([k, v]) => [k, v.trim()]),
    );
    const parsed = parseConnectionConfig(candidate, "Settings");
    if (!parsed.ok) return setErrors(parsed.problems);
    await account.configure(parsed.config);
    onClose();
  };

  const invalid = (key: string) => errors.some((line) => line.startsWith(`${key}:`));
  return (
    <form className="form" onSubmit={(event) => void save(event)}>
      <p className="form__hint">
        Current connection: {source ?? "none"}. Saving signs you out; tokens are never saved.
      </p>
      {CONNECTION_FIELDS.map(({ key, label }) => (
        <div key={key} className="form__row">
          <label htmlFor={`${baseId}-${key}`}>{label}</label>
          <input
            id={`${baseId}-${key}`}
            value={values[key] ?? ""}
            aria-invalid={invalid(key) || undefined}
            aria-describedby={invalid(key) ? `${baseId}-errors` : undefined}
            onChange={(event) => setValues({ ...values, [key]: event.target.value })}
          />
        </div>
      ))}
      {errors.length > 0 && (
        <ul id={`${baseId}-errors`} role="alert" className="form__error">
          {errors.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      <div className="dialog__actions">
        <button type="button" onClick={() => void account.configure(null).then(onClose)}>
          Use designer.config.json
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="primary">
          Save settings
        </button>
      </div>
    </form>
  );
}
