import { useId, useState, type FormEvent } from "react";
import type { SignInOutcome } from "../../aws";
import { Dialog } from "../dialogs/Dialog";
import { useAccountState } from "./account";

type Failure = Extract<SignInOutcome, { kind: "failed" }>;

/** Cognito sign-in (SRP): email and password, then a new password when the pool asks for one. */
export function SignInDialog({
  open,
  onClose,
  onSignedIn,
}: {
  open: boolean;
  onClose: () => void;
  onSignedIn: () => void;
}) {
  const { connection } = useAccountState();
  // Null until typed: the config (with the emulator's demo email) may load after this mounts.
  const [typedEmail, setEmail] = useState<string | null>(null);
  const email = typedEmail ?? connection?.config.demoUser?.email ?? "";
  const [password, setPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [stage, setStage] = useState<"credentials" | "newPassword">("credentials");
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { email: useId(), password: useId(), newPassword: useId(), error: useId() };

  const finish = (result: SignInOutcome) => {
    if (result.kind === "signedIn") {
      setPassword("");
      setNewPassword("");
      setStage("credentials");
      setFailure(null);
      onSignedIn();
    } else if (result.kind === "newPasswordRequired") {
      setStage("newPassword");
      setFailure(null);
    } else setFailure(result);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!connection || busy) return;
    setBusy(true);
    try {
      finish(
        stage === "credentials"
          ? await connection.signIn(email, password)
          : await connection.completeNewPassword(newPassword),
      );
    } catch (error) {
      setFailure({
        kind: "failed",
        message: error instanceof Error ? error.message : String(error),
      });
    } finally {
      setBusy(false);
    }
  };

  const fieldProps = (field: Failure["field"], id: string) => ({
    id,
    "aria-invalid": failure?.field === field ? true : undefined,
    "aria-describedby": failure?.field === field ? ids.error : undefined,
  });

  return (
    <Dialog title="Sign in" open={open} onClose={onClose}>
      {!connection ? (
        <p role="alert">
          No AWS connection is configured: open Settings and enter the Cognito pools, bucket and
          role, or start the designer with <code>npm start</code> to use the local emulator.
        </p>
      ) : (
        <form className="form" onSubmit={(event) => void submit(event)}>
          {stage === "credentials" ? (
            <>
              <label htmlFor={ids.email}>Email</label>
              <input
                {...fieldProps("email", ids.email)}
                type="email"
                autoComplete="username"
                value={email}
                required
                onChange={(event) => setEmail(event.target.value)}
              />
              <label htmlFor={ids.password}>Password</label>
              <input
                {...fieldProps("password", ids.password)}
                type="password"
                autoComplete="current-password"
                value={password}
                required
                onChange={(event) => setPassword(event.target.value)}
              />
            </>
          ) : (
            <>
              <p>Your account needs a new password before you can continue.</p>
              <label htmlFor={ids.newPassword}>New password</label>
              <input
                {...fieldProps("newPassword", ids.newPassword)}
                type="password"
                autoComplete="new-password"
                value={newPassword}
                required
                onChange={(event) => setNewPassword(event.target.value)}
              />
            </>
          )}
          {failure && (
            <p id={ids.error} className="form__error" role="alert">
              {failure.message}
            </p>
          )}
          <p className="form__hint">
            Signing in to {connection.config.userPoolId} ({connection.config.region}
            {connection.config.endpoint ? `, emulator at ${connection.config.endpoint}` : ""}).
            Tokens stay in this tab's memory.
          </p>
          <div className="dialog__actions">
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={busy}>
              {stage === "credentials" ? "Sign in" : "Set password"}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
