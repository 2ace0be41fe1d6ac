import "./previews.css";
import { memo, useCallback, useId, useRef, type KeyboardEvent } from "react";
import type { PreviewTab, UiState } from "../../store/uiStore";
import { useUi } from "../designerContext";
import { ChannelsPanel } from "./ChannelsPanel";
import { DefinitionPanel } from "./DefinitionPanel";
import { MetricsPanel } from "./MetricsPanel";
import { PREVIEW_TABS, tabAfterKey } from "./tabs";

const selectPreviewTab = (state: UiState) => state.previewTab;
const selectSetPreviewTab = (state: UiState) => state.setPreviewTab;

/**
 * What will be sent, for review: the selected training step's channels and metric definitions,
 * and the compiled pipeline definition. Tabs follow the WAI-ARIA tabs pattern (arrows, Home, End;
 * selection follows focus) and are bound to `uiStore.previewTab`. Panels stay mounted while
 * hidden, so drafts, pasted log lines and the editor survive switching tabs.
 */
export const Previews = memo(function Previews() {
  const tab = useUi(selectPreviewTab);
  const setPreviewTab = useUi(selectSetPreviewTab);
  const prefix = useId();
  const tabRefs = useRef(new Map<PreviewTab, HTMLButtonElement>());
  const tabId = (name: PreviewTab) => `${prefix}-tab-${name}`;
  const panelId = (name: PreviewTab) => `${prefix}-panel-${name}`;

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      const next = tabAfterKey(tab, event.key);
      if (!next) return;
      event.preventDefault();
      setPreviewTab(next);
      tabRefs.current.get(next)?.focus();
    },
    [tab, setPreviewTab],
  );

  return (
    <section className="previews" aria-label="Previews">
      <div className="previews__tabs" role="tablist" aria-label="Preview" onKeyDown={onKeyDown}>
        {PREVIEW_TABS.map((name) => (
          <button
            key={name}
            ref={(element) => {
              if (element) tabRefs.current.set(name, element);
              else tabRefs.current.delete(name);
            }}
            type="button"
            role="tab"
            id={tabId(name)}
            aria-selected={tab === name}
            aria-controls={panelId(name)}
            tabIndex={tab === name ? 0 : -1}
            className="previews__tab"
            onClick={() => setPreviewTab(name)}
          >
            {name}
          </button>
        ))}
      </div>
      {PREVIEW_TABS.map((name) => (
        <div
          key={name}
          role="tabpanel"
          id={panelId(name)}
          aria-labelledby={tabId(name)}
          hidden={tab !== name}
          tabIndex={0}
          className="previews__panel"
        >
          {name === "Channels" ? <ChannelsPanel /> : null}
          {name === "Metrics" ? <MetricsPanel /> : null}
          {name === "Definition" ? <DefinitionPanel active={tab === "Definition"} /> : null}
        </div>
      ))}
    </section>
  );
});
