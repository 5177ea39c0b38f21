import { defineConfig } from "vitest/config";

// End-to-end tests: playwright-core drives Debian's Chromium against the real API (`npm run e2e`).
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    environment: "node",
    globalSetup: ["./e2e/global-setup.ts"],
    setupFiles: ["./e2e/diagnose.ts"],
    // One browser walking one scenario: steps run in order, never in parallel.
    fileParallelism: false,
    // A scenario walks a dozen forms: on a loaded 2-core CI machine one took over a minute.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // A failed step leaves the page somewhere unexpected: stop rather than cascade.
    bail: 1,
  },
});
