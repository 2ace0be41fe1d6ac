import type { PreviewTab } from "../../store/uiStore";

/** The preview tabs, in order (DESIGN.md §6 names). */
export const PREVIEW_TABS: readonly PreviewTab[] = ["Channels", "Metrics", "Definition"];

/** The tab a key moves to in the tablist (arrows wrap; Home/End), or null for other keys. */
export function tabAfterKey(current: PreviewTab, key: string): PreviewTab | null {
  const index = PREVIEW_TABS.indexOf(current);
  const count = PREVIEW_TABS.length;
  switch (key) {
    case "ArrowRight":
      return PREVIEW_TABS[(index + 1) % count] ?? null;
    case "ArrowLeft":
      return PREVIEW_TABS[(index - 1 + count) % count] ?? null;
    case "Home":
      return PREVIEW_TABS[0] ?? null;
    case "End":
      return PREVIEW_TABS[count - 1] ?? null;
    default:
      return null;
  }
}
