"""The emulator checks SRP passwords: a real SRP client (amazon-cognito-identity-js) signs in with
the right password only."""

import json
import os
import subprocess
import unittest

from test_emulator import ROOT, EmulatorServer

CLIENT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "srp_client.mjs")


class PasswordCheckTest(EmulatorServer):
    def sign_in(self, email, password):
        result = subprocess.run(
            ["node", CLIENT, self.endpoint, self.config["userPoolId"], self.config["userPoolClientId"], email, password],
            cwd=ROOT, capture_output=True, text=True, timeout=60, check=True,
        )
        return json.loads(result.stdout.strip().splitlines()[-1])

    def test_the_right_password_signs_in(self):
        result = self.sign_in("demo@example.com", os.environ.get("DEMO_PASSWORD", "DesignerDemo1!"))
        # moto puts the user's sub, not the address, in the ID token's email claim.
        self.assertTrue(result["ok"], result)

    def test_a_wrong_password_is_refused_like_cognito(self):
        result = self.sign_in("demo@example.com", "wrong-password")
        self.assertEqual((result["ok"], result["code"], result["message"]), (False, "NotAuthorizedException", "Incorrect username or password."))

    def test_an_unknown_user_is_refused(self):
        result = self.sign_in("nobody@example.com", "whatever1!")
        self.assertFalse(result["ok"])
        self.assertIn(result["code"], ("UserNotFoundException", "NotAuthorizedException"))

    def test_a_changed_password_replaces_the_old_one(self):
        idp = self.client("cognito-idp")
        idp.admin_create_user(UserPoolId=self.config["userPoolId"], Username="second@example.com", UserAttributes=[{"Name": "email", "Value": "second@example.com"}], MessageAction="SUPPRESS")
        idp.admin_set_user_password(UserPoolId=self.config["userPoolId"], Username="second@example.com", Password="FirstPass1!", Permanent=True)
        self.assertTrue(self.sign_in("second@example.com", "FirstPass1!")["ok"])
        idp.admin_set_user_password(UserPoolId=self.config["userPoolId"], Username="second@example.com", Password="SecondPass1!", Permanent=True)
        self.assertFalse(self.sign_in("second@example.com", "FirstPass1!")["ok"])
        self.assertTrue(self.sign_in("second@example.com", "SecondPass1!")["ok"])


if __name__ == "__main__":
    unittest.main()
