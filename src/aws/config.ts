import { z } from "zod";

/**
 * Where the designer submits: one AWS account's Cognito pools, bucket and role. The same build runs
 * against AWS or the local emulator; only this object differs (DESIGN.md §4).
 */
export const ConnectionConfigSchema = z.object({
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "an AWS region such as us-east-1"),
  userPoolId: z.string().regex(/^[\w-]+_[0-9a-zA-Z]+$/, "a user pool id such as us-east-1_AbC123"),
  userPoolClientId: z.string().regex(/^[\w+]+$/, "an app client id"),
  identityPoolId: z
    .string()
    .regex(/^[\w-]+:[0-9a-f-]+$/, "an identity pool id such as us-east-1:1234abcd-…"),
  bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "an S3 bucket name"),
  roleArn: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, "an IAM role ARN"),
  /** Every service at one URL (the local emulator); absent for real AWS. */
  endpoint: z.url().optional(),
  /** Written by the emulator's seed script so the sign-in dialog can prefill the demo email. */
  demoUser: z.object({ email: z.string() }).optional(),
});

export type ConnectionConfig = z.infer<typeof ConnectionConfigSchema>;

export const CONNECTION_FIELDS: { key: keyof ConnectionConfig; label: string }[] = [
  { key: "region", label: "Region" },
  { key: "userPoolId", label: "User pool id" },
  { key: "userPoolClientId", label: "App client id" },
  { key: "identityPoolId", label: "Identity pool id" },
  { key: "bucket", label: "Bucket" },
  { key: "roleArn", label: "Execution role ARN" },
  { key: "endpoint", label: "Endpoint override" },
];

export type ConfigResult =
  | { ok: true; config: ConnectionConfig; source: string }
  | { ok: false; problems: string[]; source: string };

export function parseConnectionConfig(value: unknown, source: string): ConfigResult {
  const parsed = ConnectionConfigSchema.safeParse(value);
  if (parsed.success) return { ok: true, config: parsed.data, source };
  return {
    ok: false,
    source,
    problems: parsed.error.issues.map(
      (issue) => `${issue.path.join(".") || "config"}: ${issue.message}`,
    ),
  };
}

// Settings are not secrets (pool ids, bucket, role), so the browser may keep them across visits.
const SETTINGS_KEY = "pipeline-designer.connection";

/** The Settings dialog's saved connection, else `designer.config.json` next to the app, else none. */
export async function loadConnectionConfig(): Promise<ConfigResult | null> {
  const saved = readSavedConfig();
  if (saved) return saved;
  try {
    const response = await fetch(`${import.meta.env.BASE_URL}designer.config.json`, {
      cache: "no-store",
    });
    if (!response.ok) return null;
    return parseConnectionConfig(await response.json(), "designer.config.json");
  } catch {
    return null;
  }
}

function readSavedConfig(): ConfigResult | null {
  try {
    const text = localStorage.getItem(SETTINGS_KEY);
    return text ? parseConnectionConfig(JSON.parse(text), "Settings") : null;
  } catch {
    return null;
  }
}

export function saveConnectionConfig(config: ConnectionConfig | null): void {
  try {
    if (config) localStorage.setItem(SETTINGS_KEY, JSON.stringify(config));
    else localStorage.removeItem(SETTINGS_KEY);
  } catch {
    // Storage may be unavailable (private mode); the connection still works for this visit.
  }
}

/** The user-pool login key the identity pool expects for this pool's ID tokens. */
export const loginProvider = (config: ConnectionConfig) =>
  `cognito-idp.${config.region}.amazonaws.com/${config.userPoolId}`;
