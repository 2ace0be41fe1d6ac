export {
  importDefinition,
  isPipelineDefinition,
  type ImportNote,
  type ImportOptions,
  type ImportResult,
  type ObjectReader,
} from "./importDefinition";
