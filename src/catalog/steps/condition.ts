import { z } from "zod";
import { ConditionSchema, MessagePartSchema } from "../conditions";
import { field } from "../fields";
import type { StepTypeDefinition } from "../types";
import { NO_SCRIPT } from "./noScript";

export { BRANCH_INPUT, BRANCH_OUTPUTS, isBranchOutput, type BranchOutput } from "../../model";

const conditionSchema = z.strictObject({
  conditions: field(z.array(ConditionSchema).default([]), {
    label: "Conditions",
    section: "General",
    kind: "conditions",
    help: "All must hold for the 'if true' branch to run; otherwise the 'if false' branch runs.",
  }),
});
export type ConditionConfig = z.infer<typeof conditionSchema>;

export const condition: StepTypeDefinition<ConditionConfig> = {
  type: "Condition",
  displayName: "Condition",
  category: "Control",
  sagemakerKind: "Condition",
  framework: null,
  description:
    "Runs the steps linked from 'if true' when every condition holds, else those linked from 'if false'.",
  dependencies: [],
  outputs: [],
  contract: NO_SCRIPT,
  configSchema: conditionSchema,
};

const failSchema = z.strictObject({
  errorMessage: field(z.array(MessagePartSchema).default([]), {
    label: "Error message",
    section: "General",
    kind: "message",
    help: "Shown as the run's failure reason; {Name} inserts a parameter, {Step.metric} a metric.",
  }),
});
export type FailConfig = z.infer<typeof failSchema>;

export const fail: StepTypeDefinition<FailConfig> = {
  type: "Fail",
  displayName: "Fail",
  category: "Control",
  sagemakerKind: "Fail",
  framework: null,
  description: "Stops the run as Failed with a message (the 'else' of a gate).",
  dependencies: [],
  outputs: [],
  contract: NO_SCRIPT,
  configSchema: failSchema,
};
