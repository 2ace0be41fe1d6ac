"""Emulated runs of gated pipelines: branches, Fail steps, the model registry, property files."""

import json
import time
import unittest

from botocore.exceptions import ClientError

from test_emulator import ORIGIN, EmulatorServer

STEP = 0.4
DEFINITION_ONE_STEP = json.dumps({"Version": "2020-12-01", "Steps": [{"Name": "Only", "Type": "Processing", "Arguments": {}}]})


def evaluation_output(bucket, prefix):
    """The evaluation output as the SDK renders a ProcessingOutput without a destination."""
    return {"Std:Join": {"On": "/", "Values": ["s3:/", bucket, prefix, {"Get": "Execution.PipelineExecutionId"}, "Evaluate", "output", "evaluation"]}}


def auc():
    return {"Std:JsonGet": {"PropertyFile": {"Get": "Steps.Evaluate.PropertyFiles.EvaluationReport"}, "Path": "metrics.auc.value"}}


def gated_definition(bucket, prefix, group="fraud-models"):
    """Evaluate → CheckAuc (if: register, create model → transform; else: fail), as SDK v2 renders it."""
    register = {
        "Name": "Register-RegisterModel",
        "Type": "RegisterModel",
        "Arguments": {
            "ModelPackageGroupName": group,
            "ModelMetrics": {
                "ModelQuality": {
                    "Statistics": {
                        "ContentType": "application/json",
                        "S3Uri": {"Std:Join": {"On": "/", "Values": [{"Get": "Steps.Evaluate.ProcessingOutputConfig.Outputs['evaluation'].S3Output.S3Uri"}, "evaluation.json"]}},
                    }
                },
                "Bias": {},
                "Explainability": {},
            },
            "CustomerMetadataProperties": {"team": "fraud"},
            "InferenceSpecification": {
                "Containers": [{"Image": "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1", "ModelDataUrl": f"s3://{bucket}/model.tar.gz", "Framework": "XGBOOST"}],
                "SupportedContentTypes": ["text/csv"],
                "SupportedResponseMIMETypes": ["text/csv"],
                "SupportedRealtimeInferenceInstanceTypes": ["ml.m5.large"],
                "SupportedTransformInstanceTypes": ["ml.m5.large"],
            },
            "ModelApprovalStatus": {"Get": "Parameters.ModelApprovalStatus"},
            "SkipModelValidation": "None",
        },
    }
    model = {"Name": "CreateModel-CreateModel", "Type": "Model", "Arguments": {"PrimaryContainer": {"Image": "x", "ModelDataUrl": f"s3://{bucket}/model.tar.gz"}}}
    transform = {
        "Name": "Transform",
        "Type": "Transform",
        "Arguments": {
            "ModelName": {"Get": "Steps.CreateModel-CreateModel.ModelName"},
            "TransformInput": {"DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": f"s3://{bucket}/test/"}}},
            "TransformOutput": {"S3OutputPath": f"s3://{bucket}/transform"},
            "TransformResources": {"InstanceCount": 1, "InstanceType": "ml.m5.large"},
        },
    }
    fail = {"Name": "Fail", "Type": "Fail", "Arguments": {"ErrorMessage": {"Std:Join": {"On": " ", "Values": ["AUC below", {"Get": "Parameters.AucThreshold"}, ":", auc()]}}}}
    return json.dumps(
        {
            "Version": "2020-12-01",
            "Parameters": [{"Name": "AucThreshold", "Type": "Float", "DefaultValue": 0.7}, {"Name": "ModelApprovalStatus", "Type": "String", "DefaultValue": "PendingManualApproval"}],
            "Steps": [
                {
                    "Name": "Evaluate",
                    "Type": "Processing",
                    "Arguments": {"ProcessingOutputConfig": {"Outputs": [{"OutputName": "evaluation", "S3Output": {"S3Uri": evaluation_output(bucket, prefix), "LocalPath": "/opt/ml/processing/output/evaluation", "S3UploadMode": "EndOfJob"}}]}},
                    "PropertyFiles": [{"PropertyFileName": "EvaluationReport", "OutputName": "evaluation", "FilePath": "evaluation.json"}],
                },
                {
                    "Name": "CheckAuc",
                    "Type": "Condition",
                    "Arguments": {
                        "Conditions": [{"Type": "GreaterThanOrEqualTo", "LeftValue": auc(), "RightValue": {"Get": "Parameters.AucThreshold"}}],
                        "IfSteps": [register, model, transform],
                        "ElseSteps": [fail],
                    },
                },
            ],
        }
    )


class RunsTest(EmulatorServer):
    step_seconds = STEP

    def setUp(self):
        self.control("POST", "reset")
        self.sagemaker = self.client("sagemaker")
        self.s3 = self.client("s3")
        self.bucket = self.config["bucket"]

    def control(self, method, name, payload=None):
        body = None if payload is None else json.dumps(payload).encode()
        status, headers, text = self.request(method, f"/_emulator/{name}", {"Content-Type": "application/json"}, body)
        self.assertEqual(headers.get("Access-Control-Allow-Origin"), ORIGIN)
        return status, json.loads(text)

    def deploy(self, name, definition=None, group=None):
        self.sagemaker.create_pipeline(PipelineName=name, PipelineDefinition=definition or gated_definition(self.bucket, name, group or name), RoleArn=self.config["roleArn"])

    def run_to_end(self, name, parameters=None):
        """Starts an execution and waits for it to end; its ARN, description and steps."""
        arn = self.sagemaker.start_pipeline_execution(PipelineName=name, PipelineParameters=[{"Name": k, "Value": v} for k, v in (parameters or {}).items()])["PipelineExecutionArn"]
        return self.wait(arn)

    def wait(self, arn):
        deadline = time.time() + 30
        while time.time() < deadline:
            described = self.sagemaker.describe_pipeline_execution(PipelineExecutionArn=arn)
            if described["PipelineExecutionStatus"] != "Executing":
                steps = self.sagemaker.list_pipeline_execution_steps(PipelineExecutionArn=arn, SortOrder="Ascending")["PipelineExecutionSteps"]
                return arn, described, {step["StepName"]: step for step in steps}
            time.sleep(STEP / 4)
        self.fail(f"{arn} did not end")

    def test_the_if_branch_runs_by_default_and_registers_a_version_with_metrics_and_metadata(self):
        self.deploy("gated-true")
        arn, described, steps = self.run_to_end("gated-true")
        self.assertEqual(described["PipelineExecutionStatus"], "Succeeded")
        self.assertNotIn("FailureReason", described)
        self.assertEqual(list(steps), ["Evaluate", "CheckAuc", "Register-RegisterModel", "CreateModel-CreateModel", "Transform"])
        self.assertTrue(all(step["StepStatus"] == "Succeeded" for step in steps.values()))
        self.assertEqual(steps["CheckAuc"]["Metadata"], {"Condition": {"Outcome": "True"}})
        self.assertEqual(steps["Transform"]["Metadata"]["TransformJob"]["Arn"], "arn:aws:sagemaker:emulated:123456789012:transformjob/Transform")
        # Transform waits for the model it names; register and create-model start together after the condition.
        self.assertEqual(steps["Register-RegisterModel"]["StartTime"], steps["CreateModel-CreateModel"]["StartTime"])
        self.assertGreater(steps["Transform"]["StartTime"], steps["CreateModel-CreateModel"]["StartTime"])

        package_arn = steps["Register-RegisterModel"]["Metadata"]["RegisterModel"]["Arn"]
        groups = self.sagemaker.list_model_package_groups()["ModelPackageGroupSummaryList"]
        self.assertIn("gated-true", [group["ModelPackageGroupName"] for group in groups])
        listed = self.sagemaker.list_model_packages(ModelPackageGroupName="gated-true")["ModelPackageSummaryList"]
        self.assertEqual([package["ModelPackageArn"] for package in listed], [package_arn])
        package = self.sagemaker.describe_model_package(ModelPackageName=package_arn)
        self.assertEqual((package["ModelPackageVersion"], package["ModelApprovalStatus"]), (1, "PendingManualApproval"))
        self.assertEqual(package["CustomerMetadataProperties"], {"team": "fraud"})
        execution_id = arn.rsplit("/", 1)[-1]
        report_uri = f"s3://{self.bucket}/gated-true/{execution_id}/Evaluate/output/evaluation/evaluation.json"
        self.assertEqual(package["ModelMetrics"]["ModelQuality"]["Statistics"], {"ContentType": "application/json", "S3Uri": report_uri})
        self.assertEqual(package["InferenceSpecification"]["SupportedTransformInstanceTypes"], ["ml.m5.large"])
        # The definition the run used, for a client to tell which steps a branch holds.
        self.assertEqual(self.sagemaker.describe_pipeline_definition_for_execution(PipelineExecutionArn=arn)["PipelineDefinition"], gated_definition(self.bucket, "gated-true", "gated-true"))
        # The evaluation step left its property file where the metrics point: every path the definition reads.
        report = self.s3.get_object(Bucket=self.bucket, Key=report_uri.split("/", 3)[3])["Body"].read()
        self.assertEqual(json.loads(report), {"metrics": {"auc": {"value": 0.9}}})

    def test_a_second_run_adds_a_version_and_the_approval_status_comes_from_the_parameter(self):
        self.deploy("gated-versions", group="versions-group")
        self.run_to_end("gated-versions")
        self.run_to_end("gated-versions", {"ModelApprovalStatus": "Approved"})
        listed = self.sagemaker.list_model_packages(ModelPackageGroupName="versions-group", SortBy="CreationTime", SortOrder="Descending")["ModelPackageSummaryList"]
        self.assertEqual([(p["ModelPackageVersion"], p["ModelApprovalStatus"]) for p in listed], [(2, "Approved"), (1, "PendingManualApproval")])

    def test_the_else_branch_set_through_the_control_api_fails_the_run_with_the_message(self):
        self.deploy("gated-false")
        status, state = self.control("POST", "runs", {"branches": {"gated-false/CheckAuc": "false"}, "reportValues": {"metrics.auc.value": 0.55}})
        self.assertEqual(status, 200)
        self.assertEqual(state["branches"], {"gated-false/CheckAuc": "false"})
        arn, described, steps = self.run_to_end("gated-false")
        message = "AUC below 0.7 : 0.55"
        self.assertEqual((described["PipelineExecutionStatus"], described["FailureReason"]), ("Failed", message))
        self.assertEqual(list(steps), ["Evaluate", "CheckAuc", "Fail"])
        self.assertEqual(steps["CheckAuc"]["Metadata"], {"Condition": {"Outcome": "False"}})
        self.assertEqual((steps["Fail"]["StepStatus"], steps["Fail"]["FailureReason"]), ("Failed", message))
        self.assertEqual(steps["Fail"]["Metadata"], {"Fail": {"ErrorMessage": message}})
        summary = self.sagemaker.list_pipeline_executions(PipelineName="gated-false")["PipelineExecutionSummaries"][0]
        self.assertEqual((summary["PipelineExecutionStatus"], summary["PipelineExecutionFailureReason"]), ("Failed", message))
        groups = self.sagemaker.list_model_package_groups()["ModelPackageGroupSummaryList"]
        self.assertNotIn("gated-false", [group["ModelPackageGroupName"] for group in groups])
        self.assertEqual(self.sagemaker.list_model_packages(ModelPackageGroupName="gated-false")["ModelPackageSummaryList"], [])

    def test_an_execution_keeps_the_branch_set_when_it_started(self):
        self.deploy("gated-snapshot")
        first = self.sagemaker.start_pipeline_execution(PipelineName="gated-snapshot")["PipelineExecutionArn"]
        self.control("POST", "runs", {"branches": {"CheckAuc": False}})
        second = self.sagemaker.start_pipeline_execution(PipelineName="gated-snapshot")["PipelineExecutionArn"]
        self.assertEqual(self.wait(first)[1]["PipelineExecutionStatus"], "Succeeded")
        self.assertEqual(self.wait(second)[1]["PipelineExecutionStatus"], "Failed")
        # A plain step name applies to every pipeline; null forgets it.
        self.assertEqual(self.control("POST", "runs", {"branches": {"CheckAuc": None}})[1]["branches"], {})

    def test_a_missing_group_fails_the_register_step_when_groups_are_not_created(self):
        self.control("POST", "runs", {"createModelPackageGroups": False})
        self.deploy("gated-nogroup", group="never-created")
        _, described, steps = self.run_to_end("gated-nogroup")
        self.assertEqual(described["PipelineExecutionStatus"], "Failed")
        self.assertEqual(described["FailureReason"], "Model Package Group never-created does not exist.")
        self.assertEqual((steps["Register-RegisterModel"]["StepStatus"], steps["Register-RegisterModel"]["FailureReason"]), ("Failed", "Model Package Group never-created does not exist."))
        # Started alongside it, the model step finishes; the transform after them never starts.
        self.assertEqual(steps["CreateModel-CreateModel"]["StepStatus"], "Succeeded")
        self.assertNotIn("Transform", steps)

    def test_an_invalid_approval_status_fails_the_register_step_with_the_service_message(self):
        self.deploy("gated-badstatus", group="badstatus-group")
        _, described, steps = self.run_to_end("gated-badstatus", {"ModelApprovalStatus": "Maybe"})
        self.assertEqual(described["PipelineExecutionStatus"], "Failed")
        self.assertIn("Maybe", steps["Register-RegisterModel"]["FailureReason"])
        self.assertIn("modelApprovalStatus", described["FailureReason"])

    def test_approving_a_version_keeps_its_metadata_and_records_the_description(self):
        self.deploy("gated-approve", group="approve-group")
        _, _, steps = self.run_to_end("gated-approve")
        package_arn = steps["Register-RegisterModel"]["Metadata"]["RegisterModel"]["Arn"]
        self.sagemaker.update_model_package(ModelPackageArn=package_arn, ModelApprovalStatus="Approved", ApprovalDescription="AUC good enough")
        package = self.sagemaker.describe_model_package(ModelPackageName=package_arn)
        self.assertEqual((package["ModelApprovalStatus"], package["ApprovalDescription"]), ("Approved", "AUC good enough"))
        self.assertEqual(package["CustomerMetadataProperties"], {"team": "fraud"})
        self.sagemaker.update_model_package(ModelPackageArn=package_arn, CustomerMetadataProperties={"reviewer": "ana"})
        package = self.sagemaker.describe_model_package(ModelPackageName=package_arn)
        self.assertEqual((package["ModelApprovalStatus"], package["CustomerMetadataProperties"]), ("Approved", {"team": "fraud", "reviewer": "ana"}))
        with self.assertRaises(ClientError) as refused:
            self.sagemaker.update_model_package(ModelPackageArn=package_arn, ModelApprovalStatus="Sure")
        self.assertEqual(refused.exception.response["Error"]["Code"], "ValidationException")

    def test_a_report_already_in_s3_is_what_json_get_reads(self):
        self.deploy("gated-report")
        self.control("POST", "runs", {"branches": {"CheckAuc": "false"}})
        arn = self.sagemaker.start_pipeline_execution(PipelineName="gated-report")["PipelineExecutionArn"]
        key = f"gated-report/{arn.rsplit('/', 1)[-1]}/Evaluate/output/evaluation/evaluation.json"
        self.s3.put_object(Bucket=self.bucket, Key=key, Body=json.dumps({"metrics": {"auc": {"value": 0.61}}}).encode())
        self.assertEqual(self.wait(arn)[1]["FailureReason"], "AUC below 0.7 : 0.61")

    def test_nested_conditions_run_the_branch_each_one_takes(self):
        inner = {"Name": "Inner", "Type": "Condition", "Arguments": {"Conditions": [{"Type": "Equals", "LeftValue": 1, "RightValue": 1}], "IfSteps": [{"Name": "InnerYes", "Type": "Processing", "Arguments": {}}], "ElseSteps": [{"Name": "InnerNo", "Type": "Fail", "Arguments": {"ErrorMessage": "inner said no"}}]}}
        outer = {"Name": "Outer", "Type": "Condition", "Arguments": {"Conditions": [], "IfSteps": [inner], "ElseSteps": [{"Name": "OuterNo", "Type": "Processing", "Arguments": {}}]}}
        definition = json.dumps({"Version": "2020-12-01", "Steps": [{"Name": "First", "Type": "Processing", "Arguments": {}}, outer, {"Name": "After", "Type": "Processing", "Arguments": {}, "DependsOn": ["First"]}]})
        self.deploy("nested", definition)
        self.control("POST", "runs", {"branches": {"Inner": "false"}})
        _, described, steps = self.run_to_end("nested")
        self.assertEqual((described["PipelineExecutionStatus"], described["FailureReason"]), ("Failed", "inner said no"))
        self.assertEqual(sorted(steps), ["After", "First", "Inner", "InnerNo", "Outer"])
        # Top-level steps without references start together; a branch starts after its condition.
        self.assertEqual(steps["Outer"]["StartTime"], steps["First"]["StartTime"])
        self.assertGreater(steps["InnerNo"]["StartTime"], steps["Inner"]["StartTime"])

    def test_executions_are_listed_newest_first_unless_asked_otherwise(self):
        self.deploy("listed", DEFINITION_ONE_STEP)
        arns = [self.sagemaker.start_pipeline_execution(PipelineName="listed")["PipelineExecutionArn"] for _ in range(3)]
        listed = self.sagemaker.list_pipeline_executions(PipelineName="listed")["PipelineExecutionSummaries"]
        self.assertEqual([summary["PipelineExecutionArn"] for summary in listed], arns[::-1])
        ascending = self.sagemaker.list_pipeline_executions(PipelineName="listed", SortOrder="Ascending")["PipelineExecutionSummaries"]
        self.assertEqual([summary["PipelineExecutionArn"] for summary in ascending], arns)

    def test_the_runs_control_refuses_what_it_does_not_know_and_resets(self):
        self.assertEqual(self.control("POST", "runs", {"branches": {"CheckAuc": "maybe"}})[0], 400)
        self.assertEqual(self.control("POST", "runs", {"branch": {}})[0], 400)
        self.assertEqual(self.control("POST", "runs", {"reportValues": {"a": {"b": 1}}})[0], 400)
        self.assertEqual(self.control("POST", "runs", {"createModelPackageGroups": "no"})[0], 400)
        self.assertEqual(self.control("PUT", "runs")[0], 405)
        self.control("POST", "runs", {"branches": {"CheckAuc": "false"}, "reportValues": {"metrics.auc.value": 0.5}})
        defaults = {"branches": {}, "reportValues": {}, "createModelPackageGroups": True}
        self.assertEqual(self.control("DELETE", "runs"), (200, defaults))
        self.control("POST", "runs", {"branches": {"CheckAuc": "false"}})
        self.assertEqual(self.control("POST", "reset")[1]["runs"], defaults)
        self.assertEqual(self.control("GET", "runs"), (200, defaults))


if __name__ == "__main__":
    unittest.main()
