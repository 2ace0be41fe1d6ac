import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// Amplify needs a browser and a user pool; here only the session bookkeeping around it is tested
// (the real sign-in runs in the e2e tests against the emulator).
const auth = vi.hoisted(() => ({
  configureAuth: vi.fn(),
  signInWithPassword: vi.fn(),
  completeNewPassword: vi.fn(),
  signOutEverywhere: vi.fn(async () => undefined),
  currentIdToken: vi.fn(),
}));
vi.mock("./auth", () => auth);

import { TEST_CONNECTION } from "../../tests/support/awsTestConnection";
import { AwsConnection } from "./connection";

const config = TEST_CONNECTION;

describe("AwsConnection", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
    for (const fn of Object.values(auth)) fn.mockClear();
  });
  afterEach(() => vi.useRealTimers());

  it("refreshes the ID token five minutes before it expires, again and again", async () => {
    auth.signInWithPassword.mockResolvedValue({ kind: "signedIn", email: "a@b.c" });
    auth.currentIdToken.mockImplementation(async () => ({
      token: "t",
      expiresAt: Date.now() + 60 * 60_000,
    }));
    const connection = new AwsConnection(config);
    expect(await connection.signIn(" a@b.c ", "pw")).toEqual({ kind: "signedIn", email: "a@b.c" });
    expect(auth.signInWithPassword).toHaveBeenCalledWith("a@b.c", "pw");
    expect(connection.getState().user).toEqual({ email: "a@b.c" });
    expect(auth.currentIdToken).toHaveBeenLastCalledWith(false);

    await vi.advanceTimersByTimeAsync(54 * 60_000);
    expect(auth.currentIdToken).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(auth.currentIdToken).toHaveBeenCalledTimes(2);
    expect(auth.currentIdToken).toHaveBeenLastCalledWith(true);
    await vi.advanceTimersByTimeAsync(55 * 60_000);
    expect(auth.currentIdToken).toHaveBeenCalledTimes(3);
  });

  it("signs out with a notice when the session cannot be refreshed", async () => {
    auth.signInWithPassword.mockResolvedValue({ kind: "signedIn", email: "a@b.c" });
    auth.currentIdToken
      .mockResolvedValueOnce({ token: "t", expiresAt: Date.now() + 10 * 60_000 })
      .mockRejectedValueOnce(new Error("refresh token revoked"));
    const connection = new AwsConnection(config);
    await connection.signIn("a@b.c", "pw");
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(connection.getState()).toEqual({
      user: null,
      notice: "Your session expired: sign in again.",
    });
    expect(auth.signOutEverywhere).toHaveBeenCalled();
    await expect(connection.pipelineClient()).rejects.toThrow("Sign in first.");
  });

  it("keeps a failed sign-in's message and stays signed out", async () => {
    auth.signInWithPassword.mockResolvedValue({
      kind: "failed",
      field: "password",
      message: "Incorrect email or password.",
    });
    const connection = new AwsConnection(config);
    const result = await connection.signIn("a@b.c", "bad");
    expect(result).toMatchObject({ kind: "failed", field: "password" });
    expect(connection.getState().user).toBeNull();
    expect(auth.currentIdToken).not.toHaveBeenCalled();
  });

  it("configures Amplify once per connection", async () => {
    auth.signInWithPassword.mockResolvedValue({ kind: "newPasswordRequired" });
    const connection = new AwsConnection(config);
    await connection.signIn("a@b.c", "pw");
    await connection.signIn("a@b.c", "pw");
    expect(auth.configureAuth).toHaveBeenCalledTimes(1);
    expect(connection.getState().user).toBeNull();
  });
});
