import { ReactFlowProvider } from "@xyflow/react";
import { useState } from "react";
import type { Design } from "../model";
import { EXAMPLES } from "../store/examples";
import { Canvas } from "./Canvas";
import { useCompiled, useDesign } from "./designerContext";
import { ProblemsPanel } from "./ProblemsPanel";

const selectDesign = (state: { design: Design }) => state.design;
const selectOpen = (state: { openDesign: (value: unknown) => unknown }) => state.openDesign;

export function App() {
  const design = useDesign(selectDesign);
  const openDesign = useDesign(selectOpen);
  const [example, setExample] = useState(Object.keys(EXAMPLES)[0] ?? "");
  const { result, diagnostics } = useCompiled();
  return (
    <ReactFlowProvider>
      <div className="app">
        <header className="toolbar" role="toolbar" aria-label="Designer toolbar">
          <h1 className="toolbar__title">Pipeline Designer</h1>
          <span className="toolbar__pipeline" aria-label="Pipeline name">
            {design.pipeline.name}
          </span>
          <label className="toolbar__example">
            Example
            <select
              value={example}
              onChange={(event) => {
                setExample(event.target.value);
                openDesign(EXAMPLES[event.target.value]);
              }}
            >
              {Object.keys(EXAMPLES).map((name) => (
                <option key={name}>{name}</option>
              ))}
            </select>
          </label>
          <span className="toolbar__status" role="status" aria-label="Compile status">
            {design.steps.length} steps ·{" "}
            {result.ok
              ? `definition ${(result.json.length / 1024).toFixed(1)} KB, ${result.uploads.length} uploads`
              : `${result.errors.length} errors`}
          </span>
        </header>
        <main className="workspace">
          <Canvas diagnostics={diagnostics} />
          <ProblemsPanel design={design} diagnostics={diagnostics} />
        </main>
      </div>
    </ReactFlowProvider>
  );
}
