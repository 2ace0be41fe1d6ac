export {
  compile,
  validate,
  DEFINITION_LIMIT_BYTES,
  type CompileResult,
  type PipelineDefinition,
} from "./compile";
export type { Upload } from "./context";
export { canonicalJson } from "./canonicalJson";
export { packSourceDir, contentHash } from "./codeArchive";
export { pythonJsonDumps } from "./pythonJson";
export { metricRegexProblem } from "./metrics";
export { validateDesign, type ResolvedStep } from "./validate";
export type { Expression } from "./expressions";
export { diffDefinitions, type DefinitionDiff, type EntryChange } from "./definitionDiff";
export * from "./import";
