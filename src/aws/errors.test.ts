import { describe, expect, it } from "vitest";
import { testDesign } from "../../tests/support/designs";
import { locateProblem, toAwsProblem } from "./errors";

const design = testDesign([
  { id: "t", type: "PyTorchTraining", name: "Train", position: { x: 0, y: 0 }, config: {} },
  { id: "tm", type: "PyTorchModel", name: "Train-Model", position: { x: 0, y: 0 }, config: {} },
]);
design.pipeline.parameters = [{ name: "Epochs", type: "Integer", default: 3 }];

describe("toAwsProblem", () => {
  it("keeps the service's code, message and status", () => {
    const error = Object.assign(new Error("Rate exceeded"), {
      name: "ThrottlingException",
      $metadata: { httpStatusCode: 400 },
    });
    expect(toAwsProblem(error)).toEqual({
      code: "ThrottlingException",
      message: "Rate exceeded",
      status: 400,
    });
  });

  it("says a fetch failure did not reach AWS", () => {
    expect(toAwsProblem(new TypeError("Failed to fetch")).code).toBe("NetworkError");
  });

  it("falls back to the HTTP status when the body had no message", () => {
    const error = Object.assign(new Error("UnknownError"), {
      name: "NotFound",
      $metadata: { httpStatusCode: 404 },
    });
    expect(toAwsProblem(error)).toMatchObject({
      code: "NotFound",
      message: "HTTP 404 from the service",
      status: 404,
    });
  });
});

describe("locateProblem", () => {
  const at = (message: string) => locateProblem(design, { code: "ValidationException", message });

  it("points at the step a message names, preferring the longest name", () => {
    expect(at("Step Train-Model-CreateModel: invalid ModelDataUrl")).toEqual({ stepId: "tm" });
    expect(at("Invalid value for Train.Arguments.ResourceConfig")).toEqual({ stepId: "t" });
  });

  it("points at a parameter, the bucket or the role", () => {
    expect(at("Parameter Epochs must be an integer")).toEqual({
      pipelineField: "parameters.Epochs",
    });
    expect(
      locateProblem(design, {
        code: "NoSuchBucket",
        message: "The specified bucket does not exist",
      }),
    ).toEqual({
      pipelineField: "bucket",
    });
    expect(at("Could not assume role arn:aws:iam::1:role/R")).toEqual({ pipelineField: "roleArn" });
    expect(at("Something else entirely")).toEqual({});
  });
});
