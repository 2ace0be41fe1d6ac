// An SRP sign-in by amazon-cognito-identity-js — a client independent of both the emulator and the
// app (which uses Amplify) — so the emulator's password check is tested against a real client.
// Usage: node srp_client.mjs <endpoint> <userPoolId> <clientId> <email> <password>
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from "amazon-cognito-identity-js";

const [endpoint, UserPoolId, ClientId, Username, Password] = process.argv.slice(2);
const memory = new Map();
const Storage = {
  setItem: (key, value) => memory.set(key, value),
  getItem: (key) => memory.get(key) ?? null,
  removeItem: (key) => memory.delete(key),
  clear: () => memory.clear(),
};
const pool = new CognitoUserPool({ UserPoolId, ClientId, endpoint, Storage });
const user = new CognitoUser({ Username, Pool: pool, Storage });
user.authenticateUser(new AuthenticationDetails({ Username, Password }), {
  onSuccess: (session) =>
    console.log(JSON.stringify({ ok: true, email: session.getIdToken().payload.email })),
  onFailure: (error) =>
    console.log(
      JSON.stringify({ ok: false, code: error.code ?? error.name, message: error.message }),
    ),
  newPasswordRequired: () =>
    console.log(JSON.stringify({ ok: false, code: "NEW_PASSWORD_REQUIRED" })),
});
