import { z } from "zod";
import { field } from "./fields";

/** `StepExceptionTypeEnum` of the SDK (workflow/retry.py): what any retryable step may retry on. */
export const STEP_EXCEPTION_TYPES = ["Step.SERVICE_FAULT", "Step.THROTTLING"] as const;
/** `SageMakerJobExceptionTypeEnum`: failures of the job a step starts. */
export const JOB_EXCEPTION_TYPES = [
  "SageMaker.JOB_INTERNAL_ERROR",
  "SageMaker.CAPACITY_ERROR",
  "SageMaker.RESOURCE_LIMIT",
] as const;

// The SDK's bounds (RetryPolicy validators): at most 20 attempts, at most 14400 minutes.
const timing = {
  intervalSeconds: z.int().min(0).default(1),
  backoffRate: z.number().min(0).default(2),
  maxAttempts: z.int().min(1).max(20).optional(),
  expireAfterMinutes: z.int().min(1).max(14400).optional(),
};

const bounded = <T extends { maxAttempts?: number; expireAfterMinutes?: number }>(
  policy: T,
  ctx: z.core.$RefinementCtx<T>,
) => {
  if ((policy.maxAttempts === undefined) === (policy.expireAfterMinutes === undefined))
    ctx.addIssue({
      code: "custom",
      path: ["maxAttempts"],
      message: "give either max attempts or expire after (minutes), not both and not neither",
    });
};

export const StepRetryPolicySchema = z
  .strictObject({
    kind: z.literal("step"),
    exceptionTypes: z.array(z.enum(STEP_EXCEPTION_TYPES)).min(1),
    ...timing,
  })
  .superRefine(bounded);

export const JobRetryPolicySchema = z
  .strictObject({
    kind: z.literal("job"),
    exceptionTypes: z.array(z.enum(JOB_EXCEPTION_TYPES)).min(1),
    ...timing,
  })
  .superRefine(bounded);

/** `StepRetryPolicy` (kind "step") or `SageMakerJobStepRetryPolicy` (kind "job"). */
export const RetryPolicySchema = z.discriminatedUnion("kind", [
  StepRetryPolicySchema,
  JobRetryPolicySchema,
]);
export type RetryPolicy = z.infer<typeof RetryPolicySchema>;

/** The Advanced section's retry policies, on every step type the service allows them on. */
export const retryPoliciesField = () =>
  field(z.array(RetryPolicySchema).default([]), {
    label: "Retry policies",
    section: "Advanced",
    kind: "retryPolicies",
    help: "Retry the step on throttling or service faults, or its job on capacity and internal errors.",
  });
