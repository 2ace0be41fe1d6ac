import type { ConnectionConfig } from "./config";
import type { PipelineClient } from "./types";

// The Cognito library and the AWS SDK are separate chunks, fetched on first sign-in.
const loadAuth = () => import("./auth");
const loadSdk = () => import("./sdkClient");

// Refresh the ID token this long before it expires, so no request goes out with a stale one.
const TOKEN_REFRESH_MARGIN_MS = 5 * 60_000;

export interface ConnectionState {
  user: { email: string } | null;
  /** Why the user was signed out without asking (refresh failed), for the toolbar. */
  notice: string | null;
}

export type { SignInOutcome } from "./auth";

/**
 * One AWS account as the designer sees it: sign-in state and a PipelineClient signed as the user.
 * Everything secret (tokens, credentials) lives in memory inside this object and Amplify's memory
 * store; signing out drops it.
 */
export class AwsConnection {
  private state: ConnectionState = { user: null, notice: null };
  private readonly listeners = new Set<() => void>();
  private client: Promise<PipelineClient> | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private configured: Promise<void> | null = null;

  constructor(readonly config: ConnectionConfig) {}

  getState = (): ConnectionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  async signIn(email: string, password: string) {
    const auth = await this.auth();
    const result = await auth.signInWithPassword(email.trim(), password);
    if (result.kind === "signedIn") await this.signedIn(result.email);
    return result;
  }

  async completeNewPassword(newPassword: string) {
    const auth = await this.auth();
    const result = await auth.completeNewPassword(newPassword);
    if (result.kind === "signedIn") await this.signedIn(result.email);
    return result;
  }

  async signOut(notice: string | null = null): Promise<void> {
    clearTimeout(this.refreshTimer);
    this.client = null;
    this.setState({ user: null, notice });
    const auth = await this.auth();
    await auth.signOutEverywhere();
  }

  /** The client for SageMaker and S3, signed with this user's identity-pool credentials. */
  pipelineClient(): Promise<PipelineClient> {
    if (!this.state.user) return Promise.reject(new Error("Sign in first."));
    this.client ??= Promise.all([loadSdk(), this.auth()]).then(([sdk, auth]) =>
      sdk.createSdkPipelineClient(this.config, async () => (await auth.currentIdToken()).token),
    );
    return this.client;
  }

  private async auth() {
    const auth = await loadAuth();
    this.configured ??= Promise.resolve(auth.configureAuth(this.config));
    await this.configured;
    return auth;
  }

  private async signedIn(email: string) {
    this.client = null;
    this.setState({ user: { email }, notice: null });
    await this.scheduleRefresh(false);
  }

  /** Keeps the session alive: refreshes the ID token before it expires, signs out if it cannot. */
  private async scheduleRefresh(force: boolean) {
    clearTimeout(this.refreshTimer);
    try {
      const auth = await this.auth();
      const { expiresAt } = await auth.currentIdToken(force);
      const delay = Math.max(expiresAt - Date.now() - TOKEN_REFRESH_MARGIN_MS, 10_000);
      this.refreshTimer = setTimeout(() => void this.scheduleRefresh(true), delay);
    } catch {
      if (this.state.user) await this.signOut("Your session expired: sign in again.");
    }
  }

  private setState(next: ConnectionState) {
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}
