/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The day the unit tests live on (src/test-setup.ts pins Date to it), as the API's tests pin theirs:
// QCDC_TEST_TODAY=YYYY-MM-DD moves it; no test reads the machine's date.
const TEST_TODAY = process.env.QCDC_TEST_TODAY || "2026-11-26";

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
    env: { QCDC_TEST_TODAY: TEST_TODAY },
    // Rendering antd forms in jsdom takes seconds on a busy 2-core machine.
    testTimeout: 15_000,
  },
});
