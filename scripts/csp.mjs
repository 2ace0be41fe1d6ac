// The designer's Content-Security-Policy, one definition for `vite preview` (its headers) and for
// deployments (`node scripts/csp.mjs [designer.config.json]` prints the header to send).
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The hosts the designer talks to for one connection config: its emulator endpoint, or the
 * regional Cognito, SageMaker and S3 endpoints of its region and bucket. Null without a config.
 */
export function awsOrigins(config) {
  if (!config) return null;
  if (config.endpoint) return [new URL(config.endpoint).origin];
  const region = config.region;
  const origins = [
    `https://cognito-idp.${region}.amazonaws.com`,
    `https://cognito-identity.${region}.amazonaws.com`,
    `https://api.sagemaker.${region}.amazonaws.com`,
  ];
  // The SDK addresses a bucket as a host when its name allows it, else by path on the region's host.
  if (config.bucket && !config.bucket.includes("."))
    origins.push(`https://${config.bucket}.s3.${region}.amazonaws.com`);
  else origins.push(`https://s3.${region}.amazonaws.com`);
  return origins;
}

/**
 * The policy. `connect` lists the AWS origins; without them any AWS endpoint is allowed, because
 * the Settings dialog may point the same build at another region or account at run time.
 * `headerOnly` adds what a meta tag cannot carry (frame-ancestors).
 */
export function contentSecurityPolicy({ connect = null, headerOnly = true } = {}) {
  const directives = {
    "default-src": ["'self'"],
    // No inline script, no script from elsewhere, no eval (new Function, string timers): the
    // submit review's schema check interprets the schema (@cfworker/json-schema) instead of
    // compiling it to code. WASM (tree-sitter) needs compiling, which 'wasm-unsafe-eval' allows
    // alone.
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    // CodeMirror writes its theme into <style> elements (style-mod); a nonce would need a server
    // minting one per response, which a static deployment has not. Style attributes stay refused
    // (React and React Flow style through the CSSOM, which CSP does not govern), and CSS can reach
    // no other host: img-src, font-src and connect-src are closed.
    "style-src": ["'self'"],
    "style-src-elem": ["'self'", "'unsafe-inline'"],
    "style-src-attr": ["'none'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'", ...(connect ?? ["https://*.amazonaws.com"])],
    // The layout and parser workers are built files; blob: for bundlers that inline a worker.
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
    ...(headerOnly ? { "frame-ancestors": ["'none'"] } : {}),
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(" ")}`)
    .join("; ");
}

/** Reads a designer.config.json if it exists; a broken one is an error, not a silent wildcard. */
export function readConnectionConfig(file) {
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, "utf8"));
}

/** The headers `vite preview` sends and a deployment should send. */
export function securityHeaders(connect) {
  return {
    "Content-Security-Policy": contentSecurityPolicy({ connect }),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  const config = file ? readConnectionConfig(file) : null;
  if (file && !config) {
    console.error(`${file}: no such file`);
    process.exit(2);
  }
  console.log(`Content-Security-Policy: ${contentSecurityPolicy({ connect: awsOrigins(config) })}`);
}
