export interface CspConnectionConfig {
  region: string;
  bucket?: string;
  endpoint?: string;
}
export function awsOrigins(config: CspConnectionConfig | null): string[] | null;
export function contentSecurityPolicy(options?: {
  connect?: string[] | null;
  headerOnly?: boolean;
}): string;
export function readConnectionConfig(file: string): CspConnectionConfig | null;
export function securityHeaders(connect: string[] | null): Record<string, string>;
export const AJV_NEEDS_EVAL: boolean;
