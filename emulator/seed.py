"""Seeds the emulator with what the designer needs and writes the ids where the app reads them.

Creates a Cognito user pool (email as username) with an app client (no secret; SRP, password and
refresh auth), a confirmed demo user, an identity pool linked to the pool, the S3 bucket and the
execution role. Hands the ids to the emulator, which serves them to the app as designer.config.json.
"""

import argparse
import json
import os
import urllib.request

import boto3

REGION = os.environ.get("AWS_DEFAULT_REGION", "us-east-1")
ROLE_POLICY = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "sagemaker.amazonaws.com"}, "Action": "sts:AssumeRole"}],
}


def client(service, endpoint):
    return boto3.client(service, region_name=REGION, endpoint_url=endpoint, aws_access_key_id="emulator", aws_secret_access_key="emulator")


def seed(endpoint, email, password, bucket):
    idp = client("cognito-idp", endpoint)
    pool = idp.create_user_pool(PoolName="pipeline-designer", UsernameAttributes=["email"], AutoVerifiedAttributes=["email"])["UserPool"]
    app = idp.create_user_pool_client(
        UserPoolId=pool["Id"],
        ClientName="pipeline-designer-web",
        GenerateSecret=False,
        ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]
    idp.admin_create_user(UserPoolId=pool["Id"], Username=email, UserAttributes=[{"Name": "email", "Value": email}, {"Name": "email_verified", "Value": "true"}], MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=pool["Id"], Username=email, Password=password, Permanent=True)
    provider = f"cognito-idp.{REGION}.amazonaws.com/{pool['Id']}"
    identity_pool = client("cognito-identity", endpoint).create_identity_pool(
        IdentityPoolName="pipeline_designer",
        AllowUnauthenticatedIdentities=False,
        CognitoIdentityProviders=[{"ProviderName": provider, "ClientId": app["ClientId"]}],
    )
    client("s3", endpoint).create_bucket(Bucket=bucket)
    role = client("iam", endpoint).create_role(RoleName="SageMakerExecutionRole", AssumeRolePolicyDocument=json.dumps(ROLE_POLICY))["Role"]
    return {
        "region": REGION,
        "userPoolId": pool["Id"],
        "userPoolClientId": app["ClientId"],
        "identityPoolId": identity_pool["IdentityPoolId"],
        "bucket": bucket,
        "roleArn": role["Arn"],
        "endpoint": endpoint,
        # The demo password is printed by `npm start`, never written into a file the app serves.
        "demoUser": {"email": email},
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--endpoint", default=f"http://127.0.0.1:{os.environ.get('EMULATOR_PORT', '4566')}")
    parser.add_argument("--email", default=os.environ.get("DEMO_EMAIL", "demo@example.com"))
    parser.add_argument("--password", default=os.environ.get("DEMO_PASSWORD", "DesignerDemo1!"))
    # The bundled examples upload to my-ml-bucket, so they submit without editing.
    parser.add_argument("--bucket", default=os.environ.get("DEMO_BUCKET", "my-ml-bucket"))
    parser.add_argument("--out", help="also write the config to this file (e.g. a deployable designer.config.json)")
    args = parser.parse_args()
    config = seed(args.endpoint, args.email, args.password, args.bucket)
    publish(args.endpoint, config)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            json.dump(config, handle, indent=2)
            handle.write("\n")
    print(f"seed: user pool {config['userPoolId']}, identity pool {config['identityPoolId']}, bucket {config['bucket']}", flush=True)


def publish(endpoint, config):
    """Hands the config to the emulator, which serves it as the app's designer.config.json."""
    request = urllib.request.Request(f"{endpoint}/_emulator/designer.config.json", data=json.dumps(config).encode(), method="PUT", headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        response.read()


if __name__ == "__main__":
    main()
