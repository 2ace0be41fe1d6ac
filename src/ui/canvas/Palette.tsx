import { memo, useId, useState, type DragEvent } from "react";
import { STEP_TYPES, type StepCategory } from "../../catalog";

export const STEP_TYPE_MIME = "application/x-pipeline-step-type";

/** Palette groups, in pipeline order: a gated pipeline reads top to bottom. */
const CATEGORIES: readonly StepCategory[] = [
  "Data",
  "Processing",
  "Training",
  "Evaluation",
  "Control",
  "Model",
  "Deploy",
];

function matches(query: string, text: string): boolean {
  return text.toLowerCase().includes(query.trim().toLowerCase());
}

/**
 * Every catalog step type, grouped and searchable. Drag an item onto the canvas, or focus it
 * and press Enter (or click) to add it at the centre of the view.
 */
function PaletteView({ onAdd }: { onAdd: (type: string) => void }) {
  const [query, setQuery] = useState("");
  const searchId = useId();
  const onDragStart = (event: DragEvent<HTMLButtonElement>, type: string) => {
    event.dataTransfer.setData(STEP_TYPE_MIME, type);
    event.dataTransfer.effectAllowed = "copy";
  };
  return (
    <nav className="palette" aria-label="Step palette">
      <label htmlFor={searchId} className="palette__search-label">
        Search steps
      </label>
      <input
        id={searchId}
        className="palette__search"
        type="search"
        value={query}
        placeholder="e.g. xgboost"
        onChange={(event) => setQuery(event.target.value)}
      />
      {CATEGORIES.map((category) => {
        const types = STEP_TYPES.filter(
          (definition) =>
            definition.category === category &&
            (matches(query, definition.displayName) ||
              matches(query, definition.description) ||
              matches(query, category)),
        );
        if (types.length === 0) return null;
        return (
          <section key={category} className="palette__group" aria-label={category}>
            <h2>{category}</h2>
            {types.map((definition) => (
              <button
                key={definition.type}
                type="button"
                className={`palette__item category-${category.toLowerCase()}`}
                draggable
                onDragStart={(event) => onDragStart(event, definition.type)}
                onClick={() => onAdd(definition.type)}
                title={`${definition.description} Drag onto the canvas, or press Enter to add.`}
              >
                {definition.displayName}
              </button>
            ))}
          </section>
        );
      })}
    </nav>
  );
}

export const Palette = memo(PaletteView);
