import type { ScriptContract } from "../types";

/** The contract of a step that runs no script of ours (Condition, Fail, Batch Transform). */
export const NO_SCRIPT: ScriptContract = {
  entryPointDefault: "",
  inputPaths: {},
  outputPaths: {},
  requiredEnv: [],
  envDefaults: {},
};
