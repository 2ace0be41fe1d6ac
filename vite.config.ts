import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";
import { awsOrigins, readConnectionConfig, securityHeaders } from "./scripts/csp.mjs";

// With the local emulator (npm start, e2e), the connection config comes from the emulator, which
// knows the ids it seeded; deployed builds serve a static designer.config.json instead.
const emulator = process.env.DESIGNER_EMULATOR_URL;
const proxy = emulator
  ? {
      "/designer.config.json": {
        target: emulator,
        rewrite: () => "/_emulator/designer.config.json",
      },
    }
  : undefined;
// The built app is served under its CSP (scripts/csp.mjs), so tests see what a deployment
// enforces: the emulator's origin alone, else the AWS endpoints of public/designer.config.json.
// Not on the dev server, whose React refresh needs an inline script.
const previewHeaders = securityHeaders(
  emulator
    ? [new URL(emulator).origin]
    : awsOrigins(readConnectionConfig("public/designer.config.json")),
);

export default defineConfig({
  plugins: [react()],
  build: { target: "es2022", sourcemap: true },
  server: { proxy },
  preview: { proxy, headers: previewHeaders },
  test: {
    include: ["src/**/*.test.ts", "tests/unit/**/*.test.ts"],
    environment: "node",
  },
});
