import { fromCognitoIdentityPool } from "@aws-sdk/credential-providers";
import { loginProvider, type ConnectionConfig } from "./config";

// Fetch new credentials this long before the identity pool says they expire, so a request signed
// just before expiry does not arrive after it.
const REFRESH_MARGIN_MS = 30_000;

type AwsCredentialIdentity = Awaited<ReturnType<ReturnType<typeof fromCognitoIdentityPool>>>;

export const EXPIRED_CREDENTIAL_CODES = ["ExpiredTokenException", "ExpiredToken", "RequestExpired"];

export interface RefreshingCredentials {
  (): Promise<AwsCredentialIdentity>;
  /** Forget the cached credentials: the service said they expired before we thought. */
  invalidate(): void;
  /** Tells the AWS SDK this provider caches by itself (see identityPoolCredentials). */
  memoized: true;
}

/**
 * Identity-pool credentials for the signed-in user, kept in memory only and fetched again when
 * they are about to expire or a service refuses them as expired.
 */
export function identityPoolCredentials(
  config: ConnectionConfig,
  idToken: () => Promise<string>,
  now: () => number = Date.now,
): RefreshingCredentials {
  const fetchCredentials = fromCognitoIdentityPool({
    identityPoolId: config.identityPoolId,
    logins: { [loginProvider(config)]: idToken },
    clientConfig: { region: config.region, endpoint: config.endpoint },
  });
  let cached: AwsCredentialIdentity | null = null;
  let pending: Promise<AwsCredentialIdentity> | null = null;
  const provider = (async () => {
    const fresh =
      cached && (!cached.expiration || cached.expiration.getTime() - REFRESH_MARGIN_MS > now());
    if (fresh) return cached!;
    pending ??= fetchCredentials()
      .then((credentials) => (cached = credentials))
      .finally(() => (pending = null));
    return pending;
  }) as RefreshingCredentials;
  provider.invalidate = () => {
    cached = null;
  };
  // The SDK clients would otherwise wrap this in their own cache, keeping keys until five minutes
  // before they expire, and a retry after invalidate() would be signed with the refused keys again.
  provider.memoized = true;
  return provider;
}
