export { Inspector } from "./Inspector";
export { PipelinePanel } from "./PipelinePanel";
