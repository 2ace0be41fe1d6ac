import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from "react";

/** Closes the menu; `refocus` puts focus back on its button (after a choice, before a dialog). */
export type CloseMenu = (refocus?: boolean) => void;

const FOCUSABLE = "button:not([disabled]), select:not([disabled]), input:not([disabled]), a[href]";

/**
 * A disclosure button for less-used toolbar controls: the panel opens below it with focus on its
 * first control; Escape closes it and returns focus to the button; a click or focus outside
 * closes it; Arrow Up/Down move between its controls. The controls inside keep their own roles
 * and names (a button stays a button), so the names of DESIGN.md §6 stay what they were.
 */
export function Menu({
  label,
  title,
  align = "start",
  children,
}: {
  /** The button's visible text and accessible name. */
  label: string;
  title?: string;
  align?: "start" | "end";
  children: (close: CloseMenu) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  const close = useCallback<CloseMenu>((refocus = false) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLElement>(FOCUSABLE)?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open]);

  const controls = () => [...(panel.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])];

  return (
    <div
      ref={root}
      className="menu"
      onKeyDown={(event) => {
        if (!open) return;
        if (event.key === "Escape") {
          event.preventDefault();
          event.stopPropagation();
          close(true);
        } else if (
          (event.key === "ArrowDown" || event.key === "ArrowUp") &&
          !(event.target instanceof HTMLSelectElement)
        ) {
          const items = controls();
          if (items.length === 0) return;
          event.preventDefault();
          const at = items.indexOf(document.activeElement as HTMLElement);
          const step = event.key === "ArrowDown" ? 1 : -1;
          items[(at + step + items.length) % items.length]?.focus();
        }
      }}
      onBlur={(event) => {
        // Tabbing out of the menu closes it; moving between its own controls does not.
        if (open && event.relatedTarget && !root.current?.contains(event.relatedTarget as Node))
          setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        className="menu__button"
        aria-expanded={open}
        aria-controls={panelId}
        title={title}
        onClick={() => setOpen((was) => !was)}
      >
        {label}
        <span aria-hidden="true" className="menu__caret">
          ▾
        </span>
      </button>
      <div
        ref={panel}
        id={panelId}
        className={`menu__panel menu__panel--${align}`}
        role="group"
        aria-label={label}
        hidden={!open}
      >
        {children(close)}
      </div>
    </div>
  );
}
