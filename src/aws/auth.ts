// Loaded on demand (see connection.ts). Cognito user-pool sign-in through Amplify Auth v6, SRP by
// default; tokens stay in this tab's memory.
import { Amplify } from "@aws-amplify/core";
import {
  confirmSignIn,
  fetchAuthSession,
  getCurrentUser,
  signIn,
  signOut,
  type SignInOutput,
} from "@aws-amplify/auth";
import { cognitoUserPoolsTokenProvider } from "@aws-amplify/auth/cognito";
import type { ConnectionConfig } from "./config";
import { toAwsProblem } from "./errors";

/** Amplify's token store, minus persistence: a reload signs the user out, by design (DESIGN.md §4). */
class MemoryStorage {
  private readonly items = new Map<string, string>();
  async setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  async getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  async removeItem(key: string) {
    this.items.delete(key);
  }
  async clear() {
    this.items.clear();
  }
}

export type SignInOutcome =
  | { kind: "signedIn"; email: string }
  | { kind: "newPasswordRequired" }
  | { kind: "failed"; message: string; field?: "email" | "password" | "newPassword" };

export function configureAuth(config: ConnectionConfig): void {
  const auth = {
    Cognito: {
      userPoolId: config.userPoolId,
      userPoolClientId: config.userPoolClientId,
      userPoolEndpoint: config.endpoint,
      loginWith: { email: true },
    },
  };
  // What aws-amplify's own configure wires up, minus the identity pool (the SDK's
  // fromCognitoIdentityPool does that) and minus persistence (tokens stay in memory).
  cognitoUserPoolsTokenProvider.setAuthConfig(auth);
  cognitoUserPoolsTokenProvider.setKeyValueStorage(new MemoryStorage());
  Amplify.configure({ Auth: auth }, { Auth: { tokenProvider: cognitoUserPoolsTokenProvider } });
}

export async function signInWithPassword(email: string, password: string): Promise<SignInOutcome> {
  try {
    // A previous session in this tab (another user, an expired one) would make Amplify refuse.
    await signOut().catch(() => undefined);
    const output = await signIn({
      username: email,
      password,
      options: { authFlowType: "USER_SRP_AUTH" },
    });
    return outcome(output, email);
  } catch (error) {
    return failure(error);
  }
}

export async function completeNewPassword(newPassword: string): Promise<SignInOutcome> {
  try {
    const output = await confirmSignIn({ challengeResponse: newPassword });
    const user = await getCurrentUser().catch(() => null);
    return outcome(output, user?.signInDetails?.loginId ?? user?.username ?? "");
  } catch (error) {
    const result = failure(error);
    return result.kind === "failed" ? { ...result, field: "newPassword" } : result;
  }
}

export async function signOutEverywhere(): Promise<void> {
  await signOut().catch(() => undefined);
}

/** The current ID token, refreshed by Amplify when it has expired (or when forced). */
export async function currentIdToken(
  forceRefresh = false,
): Promise<{ token: string; expiresAt: number }> {
  const session = await fetchAuthSession({ forceRefresh });
  const token = session.tokens?.idToken;
  if (!token) throw Object.assign(new Error("Signed out: sign in again."), { name: "NotSignedIn" });
  return { token: token.toString(), expiresAt: (token.payload.exp ?? 0) * 1000 };
}

function outcome(output: SignInOutput, email: string): SignInOutcome {
  if (output.isSignedIn) return { kind: "signedIn", email };
  switch (output.nextStep.signInStep) {
    case "CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED":
      return { kind: "newPasswordRequired" };
    case "CONFIRM_SIGN_UP":
      return { kind: "failed", field: "email", message: "This account is not confirmed yet." };
    case "RESET_PASSWORD":
      return {
        kind: "failed",
        field: "password",
        message: "This account must reset its password first.",
      };
    default:
      return {
        kind: "failed",
        message: `Sign-in needs a step the designer does not support (${output.nextStep.signInStep}); use the Cognito hosted UI.`,
      };
  }
}

function failure(error: unknown): SignInOutcome {
  const problem = toAwsProblem(error);
  switch (problem.code) {
    case "NotAuthorizedException":
      return { kind: "failed", field: "password", message: "Incorrect email or password." };
    case "UserNotFoundException":
      return { kind: "failed", field: "email", message: "No account with this email." };
    case "UserNotConfirmedException":
      return { kind: "failed", field: "email", message: "This account is not confirmed yet." };
    case "InvalidPasswordException":
      return { kind: "failed", field: "newPassword", message: problem.message };
    case "EmptySignInUsername":
      return { kind: "failed", field: "email", message: "Enter your email." };
    case "EmptySignInPassword":
      return { kind: "failed", field: "password", message: "Enter your password." };
    default:
      return { kind: "failed", message: `${problem.code}: ${problem.message}` };
  }
}
