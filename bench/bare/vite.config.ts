// The baseline page of `npm run bench`: its own root and build, so the app's bundle is untouched.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { target: "es2022" },
});
