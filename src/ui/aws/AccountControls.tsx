import { useAccountState, useConnectionState } from "./account";

/** "Sign in", or the signed-in user's email with "Sign out" (DESIGN.md §6). */
export function AccountControls({ onSignIn }: { onSignIn: () => void }) {
  const { connection } = useAccountState();
  const { user, notice } = useConnectionState();
  if (!user)
    return (
      <span className="toolbar__account">
        {notice && (
          <span className="toolbar__notice" role="status" title={notice}>
            {notice}
          </span>
        )}
        <button type="button" onClick={onSignIn}>
          Sign in
        </button>
      </span>
    );
  return (
    <span className="toolbar__account">
      <span className="toolbar__user" aria-label="Signed-in user" title={user.email}>
        {user.email}
      </span>
      <button type="button" onClick={() => void connection?.signOut()}>
        Sign out
      </button>
    </span>
  );
}
