"""The emulator as the browser app will use it: a real server process, real HTTP, boto3 for AWS calls."""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

import boto3
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ORIGIN = "http://127.0.0.1:5173"
DEFINITION = json.dumps(
    {
        "Version": "2020-12-01",
        "Steps": [
            {"Name": "Load", "Type": "Processing", "Arguments": {}},
            {"Name": "Train", "Type": "Training", "Arguments": {"InputDataConfig": [{"S3Uri": {"Get": "Steps.Load.ProcessingOutputConfig.Outputs['DATA'].S3Output.S3Uri"}}]}},
            {"Name": "Model-CreateModel", "Type": "Model", "Arguments": {"ModelDataUrl": {"Get": "Steps.Train.ModelArtifacts.S3ModelArtifacts"}}},
        ],
    }
)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class EmulatorServer(unittest.TestCase):
    """A seeded emulator process for the test methods of a subclass (this class has none)."""

    # How long each emulated step runs, in seconds.
    step_seconds = 2

    @classmethod
    def setUpClass(cls):
        cls.port = free_port()
        cls.endpoint = f"http://127.0.0.1:{cls.port}"
        env = {**os.environ, "EMULATOR_PORT": str(cls.port), "EMULATOR_STEP_SECONDS": str(cls.step_seconds)}
        env.pop("EMULATOR_CREDENTIAL_SECONDS", None)
        # A file, not a pipe nobody reads: the request log would fill the pipe and stall the server.
        cls.log = tempfile.TemporaryFile()
        cls.server = subprocess.Popen([sys.executable, os.path.join(ROOT, "emulator", "server.py")], env=env, stdout=cls.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", cls.port), timeout=0.5):
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("the emulator did not start")
        cls.config_file = os.path.join(tempfile.mkdtemp(), "designer.config.json")
        subprocess.run([sys.executable, os.path.join(ROOT, "emulator", "seed.py"), "--endpoint", cls.endpoint, "--out", cls.config_file], check=True, capture_output=True)
        with open(cls.config_file, encoding="utf-8") as handle:
            cls.config = json.load(handle)

    @classmethod
    def tearDownClass(cls):
        cls.server.terminate()
        cls.server.wait(timeout=10)
        cls.log.close()

    def client(self, service, **kwargs):
        return boto3.client(service, **{"region_name": "us-east-1", "endpoint_url": self.endpoint, "aws_access_key_id": "test", "aws_secret_access_key": "test", **kwargs})

    def request(self, method, path, headers=None, body=None):
        req = urllib.request.Request(self.endpoint + path, method=method, headers={"Origin": ORIGIN, **(headers or {})}, data=body)
        try:
            with urllib.request.urlopen(req) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()


class EmulatorTest(EmulatorServer):
    def test_seed_writes_every_id_the_app_needs_and_no_password(self):
        for key in ("region", "userPoolId", "userPoolClientId", "identityPoolId", "bucket", "roleArn", "endpoint"):
            self.assertTrue(self.config.get(key), key)
        self.assertNotIn("password", json.dumps(self.config).lower())

    def test_demo_user_signs_in_with_email_and_a_wrong_password_is_refused(self):
        idp = self.client("cognito-idp")
        auth = idp.initiate_auth(ClientId=self.config["userPoolClientId"], AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME": "demo@example.com", "PASSWORD": "DesignerDemo1!"})
        self.assertIn("IdToken", auth["AuthenticationResult"])
        with self.assertRaises(ClientError) as refused:
            idp.initiate_auth(ClientId=self.config["userPoolClientId"], AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME": "demo@example.com", "PASSWORD": "wrong"})
        self.assertEqual(refused.exception.response["Error"]["Code"], "NotAuthorizedException")

    def test_every_preflight_is_answered_with_cors(self):
        status, headers, _ = self.request("OPTIONS", f"/{self.config['bucket']}/code/a.tar.gz", {"Access-Control-Request-Method": "PUT", "Access-Control-Request-Headers": "content-type,x-amz-date"})
        self.assertEqual(status, 200)
        self.assertEqual(headers["Access-Control-Allow-Origin"], ORIGIN)
        self.assertIn("x-amz-date", headers["Access-Control-Allow-Headers"])

    def test_responses_expose_the_headers_the_sdk_reads(self):
        s3 = self.client("s3")
        s3.put_object(Bucket=self.config["bucket"], Key="probe.txt", Body=b"hello")
        headers = s3.head_object(Bucket=self.config["bucket"], Key="probe.txt")["ResponseMetadata"]["HTTPHeaders"]
        self.assertIn("ETag", headers["access-control-expose-headers"])
        self.assertIn("x-amzn-requestid", headers["access-control-expose-headers"])
        self.assertEqual(headers["content-length"], "5")

    def test_an_unimplemented_call_is_a_json_error_with_cors(self):
        status, headers, body = self.request("POST", "/", {"X-Amz-Target": "SageMaker.CreateHubContentReference", "Content-Type": "application/x-amz-json-1.1", "Authorization": "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sagemaker/aws4_request"}, b"{}")
        self.assertIn(status, (400, 500, 501))
        self.assertEqual(headers["Access-Control-Allow-Origin"], ORIGIN)
        self.assertIn("__type", json.loads(body))

    def test_an_unsigned_start_is_refused(self):
        sagemaker = self.client("sagemaker")
        sagemaker.create_pipeline(PipelineName="unsigned", PipelineDefinition=DEFINITION, RoleArn=self.config["roleArn"])
        anonymous = boto3.client("sagemaker", region_name="us-east-1", endpoint_url=self.endpoint, config=Config(signature_version=UNSIGNED))
        with self.assertRaises(ClientError) as refused:
            anonymous.start_pipeline_execution(PipelineName="unsigned")
        self.assertEqual(refused.exception.response["Error"]["Code"], "MissingAuthenticationTokenException")

    def test_execution_steps_run_in_topological_order_and_stop(self):
        sagemaker = self.client("sagemaker")
        sagemaker.create_pipeline(PipelineName="timeline", PipelineDefinition=DEFINITION, RoleArn=self.config["roleArn"])
        arn = sagemaker.start_pipeline_execution(PipelineName="timeline")["PipelineExecutionArn"]
        first = sagemaker.list_pipeline_execution_steps(PipelineExecutionArn=arn, SortOrder="Ascending")["PipelineExecutionSteps"]
        self.assertEqual([(s["StepName"], s["StepStatus"]) for s in first], [("Load", "Executing")])
        self.assertEqual(sagemaker.describe_pipeline_execution(PipelineExecutionArn=arn)["PipelineExecutionStatus"], "Executing")
        time.sleep(2.2)
        second = sagemaker.list_pipeline_execution_steps(PipelineExecutionArn=arn, SortOrder="Ascending")["PipelineExecutionSteps"]
        self.assertEqual([(s["StepName"], s["StepStatus"]) for s in second], [("Load", "Succeeded"), ("Train", "Executing")])
        sagemaker.stop_pipeline_execution(PipelineExecutionArn=arn, ClientRequestToken="stop-" + "0" * 32)
        self.assertEqual(sagemaker.describe_pipeline_execution(PipelineExecutionArn=arn)["PipelineExecutionStatus"], "Stopped")
        time.sleep(2.2)
        final = sagemaker.list_pipeline_execution_steps(PipelineExecutionArn=arn, SortOrder="Ascending")["PipelineExecutionSteps"]
        self.assertEqual([(s["StepName"], s["StepStatus"]) for s in final], [("Load", "Succeeded"), ("Train", "Stopped")])


if __name__ == "__main__":
    unittest.main()
