"""The emulator's test controls: injected faults, the calls log, credential lifetime, idempotent tokens."""

import io
import json
import os
import sys
import time
import unittest
import urllib.parse

from botocore.config import Config
from botocore.exceptions import ClientError

from test_emulator import DEFINITION, ORIGIN, ROOT, EmulatorServer

sys.path.insert(0, os.path.join(ROOT, "emulator"))

from control import operation_of, signing_credential  # noqa: E402

NO_RETRIES = Config(retries={"total_max_attempts": 1})


def token(name):
    """A ClientRequestToken: SageMaker wants at least 32 characters."""
    return name.ljust(32, "0")


def environ(method, url, target="", scope="", body=b"", **headers):
    path, _, query = url.partition("?")
    env = {"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query, "CONTENT_LENGTH": str(len(body)), "wsgi.input": io.BytesIO(body)}
    if target:
        env["HTTP_X_AMZ_TARGET"] = target
    if scope:
        env["HTTP_AUTHORIZATION"] = f"AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/{scope}/aws4_request, SignedHeaders=host, Signature=0"
    env.update({f"HTTP_{name.upper()}": value for name, value in headers.items()})
    if body:
        env["CONTENT_TYPE"] = "application/x-www-form-urlencoded"
    return env


class OperationNamingTest(unittest.TestCase):
    def test_json_protocols_are_named_by_their_target(self):
        self.assertEqual(operation_of(environ("POST", "/", "SageMaker.CreatePipeline", "sagemaker")), ("sagemaker", "CreatePipeline", None))
        self.assertEqual(operation_of(environ("POST", "/", "AWSCognitoIdentityService.GetCredentialsForIdentity")), ("cognito-identity", "GetCredentialsForIdentity", None))
        self.assertEqual(operation_of(environ("POST", "/", "AWSCognitoIdentityProviderService.InitiateAuth")), ("cognito-idp", "InitiateAuth", None))

    def test_s3_requests_are_named_by_method_path_and_query(self):
        cases = [
            (("PUT", "/bucket/code/a.tar.gz"), ("PutObject", "code/a.tar.gz")),
            (("HEAD", "/bucket/a"), ("HeadObject", "a")),
            (("GET", "/bucket/a"), ("GetObject", "a")),
            (("DELETE", "/bucket/a"), ("DeleteObject", "a")),
            (("GET", "/bucket?list-type=2&prefix=x"), ("ListObjectsV2", None)),
            (("GET", "/bucket/"), ("ListObjects", None)),
            (("GET", "/bucket?cors"), ("GetBucketCors", None)),
            (("PUT", "/bucket"), ("CreateBucket", None)),
            (("HEAD", "/bucket"), ("HeadBucket", None)),
            (("POST", "/bucket?delete"), ("DeleteObjects", None)),
            (("GET", "/"), ("ListBuckets", None)),
            (("POST", "/bucket/big?uploads"), ("CreateMultipartUpload", "big")),
            (("PUT", "/bucket/big?partNumber=1&uploadId=u"), ("UploadPart", "big")),
            (("POST", "/bucket/big?uploadId=u"), ("CompleteMultipartUpload", "big")),
            (("GET", "/bucket/a?tagging"), ("GetObjectTagging", "a")),
        ]
        for (method, url), (operation, key) in cases:
            with self.subTest(method=method, url=url):
                self.assertEqual(operation_of(environ(method, url, scope="s3")), ("s3", operation, key))
        # Unsigned requests without a target are S3 too (presigned URLs, anonymous reads).
        self.assertEqual(operation_of(environ("GET", "/bucket/a")), ("s3", "GetObject", "a"))
        self.assertEqual(operation_of(environ("PUT", "/bucket/b", scope="s3", x_amz_copy_source="/bucket/a")), ("s3", "CopyObject", "b"))

    def test_query_protocols_are_named_by_their_action(self):
        self.assertEqual(operation_of(environ("POST", "/", scope="iam", body=b"Action=CreateRole&Version=2010-05-08")), ("iam", "CreateRole", None))

    def test_the_signing_key_comes_from_the_header_or_a_presigned_url(self):
        self.assertEqual(signing_credential(environ("GET", "/b/k", scope="s3")), ("AKID", "s3"))
        presigned = "/b/k?X-Amz-Credential=" + urllib.parse.quote("ASIAEMU0000000000001/20260101/us-east-1/s3/aws4_request")
        self.assertEqual(signing_credential(environ("GET", presigned)), ("ASIAEMU0000000000001", "s3"))
        self.assertEqual(signing_credential(environ("GET", "/b/k")), ("", ""))


class ControlTest(EmulatorServer):
    def setUp(self):
        self.control("POST", "reset")

    def control(self, method, name, payload=None, query=""):
        body = None if payload is None else json.dumps(payload).encode()
        status, headers, text = self.request(method, f"/_emulator/{name}{query}", {"Content-Type": "application/json"}, body)
        self.assertEqual(headers.get("Access-Control-Allow-Origin"), ORIGIN)
        return status, json.loads(text)

    def fault(self, **rule):
        status, state = self.control("POST", "faults", {"faults": [rule]})
        self.assertEqual(status, 200, state)

    def calls(self, query=""):
        return self.control("GET", "calls", query=query)[1]["calls"]

    def error_of(self, call, *args, **kwargs):
        with self.assertRaises(ClientError) as raised:
            call(*args, **kwargs)
        return raised.exception.response

    def test_an_s3_fault_answers_xml_once_then_the_call_succeeds(self):
        bucket = self.config["bucket"]
        self.fault(service="s3", operation="PutObject", status=500, code="InternalError", message="disk on fire")
        status, headers, body = self.request("PUT", f"/{bucket}/code/a.tar.gz", {"Authorization": "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request"}, b"x")
        self.assertEqual(status, 500)
        self.assertEqual(headers["Content-Type"], "application/xml")
        self.assertEqual(headers["Access-Control-Allow-Origin"], ORIGIN)
        self.assertRegex(body.decode(), r'^<\?xml version="1\.0" encoding="UTF-8"\?><Error><Code>InternalError</Code><Message>disk on fire</Message><RequestId>\w+</RequestId></Error>$')
        s3 = self.client("s3", config=NO_RETRIES)
        s3.put_object(Bucket=bucket, Key="code/a.tar.gz", Body=b"hello")
        self.assertEqual(s3.get_object(Bucket=bucket, Key="code/a.tar.gz")["Body"].read(), b"hello")
        self.assertEqual(self.control("GET", "faults")[1]["faults"][0]["remaining"], 0)

    def test_key_contains_narrows_an_s3_fault_and_slow_down_is_an_s3_error(self):
        bucket = self.config["bucket"]
        s3 = self.client("s3", config=NO_RETRIES)
        self.fault(service="s3", operation="GetObject", keyContains="throttled/", status=503, code="SlowDown", message="Please reduce your request rate.")
        s3.put_object(Bucket=bucket, Key="throttled/x", Body=b"1")
        s3.put_object(Bucket=bucket, Key="other", Body=b"2")
        self.assertEqual(s3.get_object(Bucket=bucket, Key="other")["Body"].read(), b"2")
        error = self.error_of(s3.get_object, Bucket=bucket, Key="throttled/x")
        self.assertEqual((error["Error"]["Code"], error["ResponseMetadata"]["HTTPStatusCode"]), ("SlowDown", 503))
        self.assertEqual(s3.get_object(Bucket=bucket, Key="throttled/x")["Body"].read(), b"1")

    def test_a_json_protocol_fault_is_a_json_error(self):
        sagemaker = self.client("sagemaker", config=NO_RETRIES)
        self.fault(service="sagemaker", operation="ListPipelines", status=429, code="ThrottlingException", message="Rate exceeded")
        error = self.error_of(sagemaker.list_pipelines)
        self.assertEqual((error["Error"]["Code"], error["Error"]["Message"], error["ResponseMetadata"]["HTTPStatusCode"]), ("ThrottlingException", "Rate exceeded", 429))
        self.assertEqual(error["ResponseMetadata"]["HTTPHeaders"]["x-amzn-errortype"], "ThrottlingException")
        sagemaker.list_pipelines()

    def test_times_null_fails_every_matching_call_until_cleared(self):
        idp = self.client("cognito-idp", config=NO_RETRIES)
        self.fault(service="cognito-idp", operation="ListUserPools", status=500, times=None)
        for _ in range(3):
            self.assertEqual(self.error_of(idp.list_user_pools, MaxResults=5)["Error"]["Code"], "InternalFailure")
        self.assertIsNone(self.control("GET", "faults")[1]["faults"][0]["remaining"])
        self.assertEqual(self.control("DELETE", "faults"), (200, {"faults": []}))
        idp.list_user_pools(MaxResults=5)

    def test_a_delay_only_fault_slows_the_answer_down(self):
        sagemaker = self.client("sagemaker", config=NO_RETRIES)
        self.fault(service="sagemaker", operation="ListPipelines", delayMs=400)
        began = time.monotonic()
        sagemaker.list_pipelines()
        self.assertGreaterEqual(time.monotonic() - began, 0.38)
        self.assertEqual(self.calls("?operation=ListPipelines")[0]["status"], 200)

    def test_an_after_fault_loses_the_answer_but_the_call_takes_effect_and_a_retry_is_idempotent(self):
        sagemaker = self.client("sagemaker", config=NO_RETRIES)
        role = self.config["roleArn"]
        self.fault(service="sagemaker", operation="CreatePipeline", status=500, after=True)
        self.fault(service="sagemaker", operation="StartPipelineExecution", status=503, after=True)
        error = self.error_of(sagemaker.create_pipeline, PipelineName="dropped", PipelineDefinition=DEFINITION, RoleArn=role, ClientRequestToken=token("create-dropped"))
        self.assertEqual(error["Error"]["Code"], "InternalFailure")
        arn = sagemaker.describe_pipeline(PipelineName="dropped")["PipelineArn"]
        retried = sagemaker.create_pipeline(PipelineName="dropped", PipelineDefinition=DEFINITION, RoleArn=role, ClientRequestToken=token("create-dropped"))
        self.assertEqual(retried["PipelineArn"], arn)

        error = self.error_of(sagemaker.start_pipeline_execution, PipelineName="dropped", ClientRequestToken=token("start-dropped"))
        self.assertEqual(error["Error"]["Code"], "ServiceUnavailable")
        executions = sagemaker.list_pipeline_executions(PipelineName="dropped")["PipelineExecutionSummaries"]
        self.assertEqual(len(executions), 1)
        retried = sagemaker.start_pipeline_execution(PipelineName="dropped", ClientRequestToken=token("start-dropped"))
        self.assertEqual(retried["PipelineExecutionArn"], executions[0]["PipelineExecutionArn"])
        self.assertEqual(len(sagemaker.list_pipeline_executions(PipelineName="dropped")["PipelineExecutionSummaries"]), 1)
        self.assertEqual([c["status"] for c in self.calls("?operation=StartPipelineExecution")], [503, 200])

    def test_create_pipeline_with_a_repeated_token_returns_the_same_pipeline(self):
        sagemaker = self.client("sagemaker")
        role = self.config["roleArn"]
        first = sagemaker.create_pipeline(PipelineName="twice", PipelineDefinition=DEFINITION, RoleArn=role, ClientRequestToken=token("create-twice"))
        second = sagemaker.create_pipeline(PipelineName="twice", PipelineDefinition=DEFINITION, RoleArn=role, ClientRequestToken=token("create-twice"))
        self.assertEqual(first["PipelineArn"], second["PipelineArn"])
        other = self.error_of(sagemaker.create_pipeline, PipelineName="twice", PipelineDefinition=DEFINITION, RoleArn=role, ClientRequestToken=token("create-again"))
        self.assertEqual(other["Error"]["Code"], "ValidationException")

    def test_start_with_a_repeated_token_returns_the_first_execution(self):
        sagemaker = self.client("sagemaker")
        sagemaker.create_pipeline(PipelineName="start-once", PipelineDefinition=DEFINITION, RoleArn=self.config["roleArn"])
        first = sagemaker.start_pipeline_execution(PipelineName="start-once", ClientRequestToken=token("token-1"))["PipelineExecutionArn"]
        again = sagemaker.start_pipeline_execution(PipelineName="start-once", ClientRequestToken=token("token-1"))["PipelineExecutionArn"]
        self.assertEqual(first, again)
        self.assertEqual(len(sagemaker.list_pipeline_executions(PipelineName="start-once")["PipelineExecutionSummaries"]), 1)
        other = sagemaker.start_pipeline_execution(PipelineName="start-once", ClientRequestToken=token("token-2"))["PipelineExecutionArn"]
        self.assertNotEqual(other, first)
        self.assertEqual(len(sagemaker.list_pipeline_executions(PipelineName="start-once")["PipelineExecutionSummaries"]), 2)

    def test_the_calls_log_records_what_reached_the_emulator(self):
        sagemaker = self.client("sagemaker")
        before = time.time()
        self.client("s3").put_object(Bucket=self.config["bucket"], Key="logged.txt", Body=b"x")
        sagemaker.create_pipeline(PipelineName="logged", PipelineDefinition=DEFINITION, RoleArn=self.config["roleArn"], ClientRequestToken=token("create-logged"))
        self.request("OPTIONS", "/", {"Access-Control-Request-Method": "POST"})
        self.control("GET", "faults")
        self.request("POST", "/moto-api/data.json")
        calls = self.calls()
        self.assertEqual([(c["service"], c["operation"], c["status"]) for c in calls], [("s3", "PutObject", 200), ("sagemaker", "CreatePipeline", 200)])
        self.assertEqual(calls[0]["key"], "logged.txt")
        self.assertEqual(calls[1]["accessKeyId"], "test")
        self.assertEqual((calls[1]["clientRequestToken"], calls[1]["pipelineName"]), (token("create-logged"), "logged"))
        self.assertTrue(before <= calls[0]["time"] <= calls[1]["time"] <= time.time())
        self.assertEqual(len(self.calls("?service=sagemaker")), 1)
        self.assertEqual(self.control("DELETE", "calls"), (200, {"calls": []}))
        self.assertEqual(self.calls(), [])

    def test_identity_credentials_expire_when_told_and_fresh_ones_work(self):
        self.assertEqual(self.control("POST", "settings", {"credentialSeconds": 1}), (200, {"credentialSeconds": 1}))
        identity = self.client("cognito-identity")
        identity_id = identity.get_id(IdentityPoolId=self.config["identityPoolId"])["IdentityId"]
        short = identity.get_credentials_for_identity(IdentityId=identity_id)["Credentials"]
        self.assertRegex(short["AccessKeyId"], r"^ASIAEMU\d{13}$")
        self.assertAlmostEqual(short["Expiration"].timestamp(), time.time() + 1, delta=1)
        keys = {"aws_access_key_id": short["AccessKeyId"], "aws_secret_access_key": short["SecretKey"], "aws_session_token": short["SessionToken"]}
        sagemaker = self.client("sagemaker", config=NO_RETRIES, **keys)
        s3 = self.client("s3", config=NO_RETRIES, **keys)
        while time.time() < short["Expiration"].timestamp():
            time.sleep(0.05)
        error = self.error_of(sagemaker.list_pipelines)
        self.assertEqual((error["Error"]["Code"], error["Error"]["Message"], error["ResponseMetadata"]["HTTPStatusCode"]), ("ExpiredTokenException", "The security token included in the request is expired", 400))
        error = self.error_of(s3.list_objects_v2, Bucket=self.config["bucket"])
        self.assertEqual((error["Error"]["Code"], error["Error"]["Message"]), ("ExpiredToken", "The provided token has expired."))
        self.assertEqual(self.calls("?operation=ListPipelines")[-1]["accessKeyId"], short["AccessKeyId"])

        self.assertEqual(self.control("DELETE", "settings"), (200, {"credentialSeconds": 3600}))
        fresh = identity.get_credentials_for_identity(IdentityId=identity_id)["Credentials"]
        self.assertNotEqual(fresh["AccessKeyId"], short["AccessKeyId"])
        self.assertAlmostEqual(fresh["Expiration"].timestamp(), time.time() + 3600, delta=5)
        signed = self.client("sagemaker", aws_access_key_id=fresh["AccessKeyId"], aws_secret_access_key=fresh["SecretKey"], aws_session_token=fresh["SessionToken"])
        signed.list_pipelines()

    def test_the_control_api_refuses_what_it_does_not_know(self):
        self.assertEqual(self.control("POST", "faults", {"faults": [{"operation": "PutObject", "delay": 5}]})[0], 400)
        self.assertEqual(self.control("POST", "faults", {"faults": [{"times": 0}]})[0], 400)
        self.assertEqual(self.control("POST", "settings", {"credentialSeconds": "soon"})[0], 400)
        self.assertEqual(self.control("GET", "nothing-here")[0], 404)
        self.assertEqual(self.control("GET", "reset")[0], 405)
        self.fault(service="s3")
        status, state = self.control("POST", "reset")
        self.assertEqual((status, state["faults"]), (200, []))


if __name__ == "__main__":
    unittest.main()
