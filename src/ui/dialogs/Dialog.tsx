import { useEffect, useRef, type ReactNode } from "react";

/** A modal `<dialog>`: focus moves in on open, Escape closes, the title names it. */
export function Dialog({
  title,
  open,
  onClose,
  children,
}: {
  title: string;
  open: boolean;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  // The native close event also fires when we close it ourselves (open became false); only a
  // close the user made (Escape) may report back, or it would cancel whatever opened next.
  const wanted = useRef(open);
  useEffect(() => {
    wanted.current = open;
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  const closedByUser = () => {
    if (wanted.current) onClose();
  };
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-label={title}
      onClose={closedByUser}
      onCancel={closedByUser}
    >
      <h2 className="dialog__title">{title}</h2>
      {open && children}
    </dialog>
  );
}
