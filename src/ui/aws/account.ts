import { createContext, useContext, useSyncExternalStore } from "react";
import {
  AwsConnection,
  loadConnectionConfig,
  saveConnectionConfig,
  type ConfigResult,
  type ConnectionConfig,
  type ConnectionState,
} from "../../aws";

export interface AccountState {
  /** Null until a connection is configured (designer.config.json or Settings). */
  connection: AwsConnection | null;
  /** Why the configured connection could not be used, shown in Settings. */
  problems: string[];
  source: string | null;
}

/**
 * The AWS account the designer submits to. Changing settings signs out and replaces the
 * connection: credentials never carry over to another account.
 */
export class Account {
  private state: AccountState = { connection: null, problems: [], source: null };
  private readonly listeners = new Set<() => void>();

  getState = () => this.state;

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  async load(): Promise<void> {
    this.apply(await loadConnectionConfig());
  }

  async configure(config: ConnectionConfig | null): Promise<void> {
    await this.state.connection?.signOut();
    saveConnectionConfig(config);
    this.apply(config ? { ok: true, config, source: "Settings" } : await loadConnectionConfig());
  }

  private apply(result: ConfigResult | null) {
    this.state = !result
      ? { connection: null, problems: [], source: null }
      : result.ok
        ? { connection: new AwsConnection(result.config), problems: [], source: result.source }
        : { connection: null, problems: result.problems, source: result.source };
    for (const listener of this.listeners) listener();
  }
}

export const AccountContext = createContext<Account | null>(null);

export function useAccount(): Account {
  const account = useContext(AccountContext);
  if (!account) throw new Error("AccountContext is missing");
  return account;
}

export function useAccountState(): AccountState {
  const account = useAccount();
  return useSyncExternalStore(account.subscribe, account.getState);
}

const signedOut: ConnectionState = { user: null, notice: null };
const noop = () => () => undefined;

/** The signed-in user of the current connection (null when signed out or unconfigured). */
export function useConnectionState(): ConnectionState {
  const { connection } = useAccountState();
  return useSyncExternalStore(
    connection?.subscribe ?? noop,
    connection?.getState ?? (() => signedOut),
  );
}
