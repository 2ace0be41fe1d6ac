import { lazy, Suspense, useCallback, useSyncExternalStore } from "react";
import { Dialog } from "../dialogs/Dialog";

// The view itself (tables, forms, the registry calls) loads when the dialog first opens.
const RegistryView = lazy(() => import("./RegistryView"));

/**
 * Whether the Registry view is open: a tiny store of its own, so the toolbar's button (inside
 * the "More" menu) and the dialog (mounted with the others in App) share it without threading
 * state through either.
 */
const registry = {
  open: false,
  listeners: new Set<() => void>(),
  set(open: boolean) {
    registry.open = open;
    for (const listener of registry.listeners) listener();
  },
  subscribe(listener: () => void) {
    registry.listeners.add(listener);
    return () => void registry.listeners.delete(listener);
  },
};
const isOpen = () => registry.open;

export function openRegistry(): void {
  registry.set(true);
}

/** The toolbar's "Registry" button: opens the model registry view. */
export function RegistryButton({ before }: { before?: () => void }) {
  return (
    <button
      type="button"
      title="Model registry: versions, metrics, approval"
      onClick={() => {
        before?.();
        openRegistry();
      }}
    >
      Registry
    </button>
  );
}

/** The model registry: groups, a group's versions with metrics and approval, approve or reject. */
export function RegistryDialog() {
  const open = useSyncExternalStore(registry.subscribe, isOpen);
  const close = useCallback(() => registry.set(false), []);
  return (
    <Dialog title="Model registry" open={open} onClose={close}>
      <Suspense fallback={<p role="status">Loading the model registry…</p>}>
        <RegistryView />
      </Suspense>
      <div className="dialog__actions">
        <button type="button" onClick={close}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
