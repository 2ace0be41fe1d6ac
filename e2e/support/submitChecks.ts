import { CreatePipelineCommand } from "@aws-sdk/client-sagemaker";
import { EMULATOR_URL, sagemaker } from "./emulator";

/** A logged call with the fields the emulator adds for S3 objects and JSON bodies. */
export interface LoggedCall {
  service: string;
  operation: string;
  status: number;
  time: number;
  key?: string;
  pipelineName?: string;
  clientRequestToken?: string;
  accessKeyId?: string | null;
}

/** Every call the emulator answered since the last reset, oldest first. */
export async function callLog(): Promise<LoggedCall[]> {
  const response = await fetch(`${EMULATOR_URL}/_emulator/calls`);
  return ((await response.json()) as { calls: LoggedCall[] }).calls;
}

/** The calls of one operation that concern a pipeline: by name in the body, or S3 keys under its prefix. */
export function callsFor(log: LoggedCall[], operation: string, pipeline: string): LoggedCall[] {
  return log.filter(
    (call) =>
      call.operation === operation &&
      (call.pipelineName === pipeline || call.key?.startsWith(`${pipeline}/`) === true),
  );
}

/** Deploys a definition behind the designer's back, so its submit takes the update path. */
export async function deployDirectly(name: string, definition: string): Promise<void> {
  await sagemaker.send(
    new CreatePipelineCommand({
      PipelineName: name,
      PipelineDefinition: definition,
      RoleArn: "arn:aws:iam::123456789012:role/SageMakerExecutionRole",
    }),
  );
}
