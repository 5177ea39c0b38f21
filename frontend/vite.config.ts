/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

export default defineConfig({
  base: "/",
  plugins: [react()],
  server: {
    // The API is served on the same origin in production; in dev, forward to uvicorn.
    proxy: { "/api": { target: "http://127.0.0.1:8000", changeOrigin: false } },
  },
  // The manifest lets scripts/initial-size.mjs sum what the first page load fetches.
  build: { manifest: true },
  test: {
    environment: "jsdom",
    globals: true,
    setupFiles: ["./src/test-setup.ts"],
    // Rendering antd forms in jsdom takes seconds on a busy 2-core machine.
    testTimeout: 15_000,
  },
});
