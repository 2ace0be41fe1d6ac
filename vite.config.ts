import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

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

export default defineConfig({
  plugins: [react()],
  build: { target: "es2022", sourcemap: true },
  server: { proxy },
  preview: { proxy },
  test: {
    include: ["src/**/*.test.ts", "tests/unit/**/*.test.ts"],
    environment: "node",
  },
});
