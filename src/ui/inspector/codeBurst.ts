/**
 * Turns a stream of keystrokes into commits: one commit after `delayMs` without an edit, or at
 * once on `flush` (blur, switching files, another command). Each commit is one undo step, so a
 * burst of typing is undone as a whole; the editor's own history still undoes keystroke by keystroke.
 */
export interface Burst {
  /** The text changed: (re)start the idle timer. */
  edited(): void;
  /** Commit now if anything is pending. */
  flush(): void;
  /** Forget pending edits (the document changed underneath and won). */
  cancel(): void;
  readonly pending: boolean;
}

export function createBurst(commit: () => void, delayMs = 500): Burst {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending = false;
  const stop = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  const flush = () => {
    stop();
    if (!pending) return;
    pending = false;
    commit();
  };
  return {
    edited() {
      pending = true;
      stop();
      timer = setTimeout(flush, delayMs);
    },
    flush,
    cancel() {
      stop();
      pending = false;
    },
    get pending() {
      return pending;
    },
  };
}
