export { useScriptDiagnostics } from "./useScriptDiagnostics";
export { withScriptDiagnostics } from "./merge";
