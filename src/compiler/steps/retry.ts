import type { RetryPolicy } from "../../catalog";
import type { RenderedRetryPolicy } from "./shared";

/**
 * `StepRetryPolicy` / `SageMakerJobStepRetryPolicy.to_request()` (workflow/retry.py:92, :148,
 * :207), in its key order: backoff rate and interval always, then whichever of max attempts and
 * expire-after is set, then the exception types as a list.
 */
export function renderRetryPolicy(policy: RetryPolicy): RenderedRetryPolicy {
  return {
    BackoffRate: policy.backoffRate,
    IntervalSeconds: policy.intervalSeconds,
    ...(policy.maxAttempts !== undefined ? { MaxAttempts: policy.maxAttempts } : {}),
    ...(policy.expireAfterMinutes !== undefined
      ? { ExpireAfterMin: policy.expireAfterMinutes }
      : {}),
    ExceptionType: [...policy.exceptionTypes],
  };
}
