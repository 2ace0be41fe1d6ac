// The schema check of compiled definitions. Not re-exported from src/compiler/index.ts: the
// initial browser bundle does not carry the validator and the schema; the CLI, the tests and the
// submit review (a lazily loaded chunk) import it from here.
export { schemaDiagnostics } from "./diagnostics";
export {
  createDefinitionValidator,
  pipelineDefinitionSchema,
  validateDefinitionSchema,
  type DefinitionValidator,
  type SchemaValidator,
  type SchemaCheck,
  type SchemaViolation,
} from "./validateDefinition";
export { applyOverlay, OVERLAY, DRAFT_07, type OverlayEntry, type SchemaNode } from "./overlay";
