import { afterEach, vi } from "vitest";
import { cleanup } from "@testing-library/react";

// No test reads the machine's date: `new Date()`, `Date.now()` and `dayjs()` say noon in Vietnam on
// the pinned day (QCDC_TEST_TODAY, set by vite.config.ts), whatever day the tests run on. Timers
// stay real; a test that needs another day calls vi.setSystemTime itself.
const TEST_TODAY: string = import.meta.env.QCDC_TEST_TODAY;
if (!/^\d{4}-\d{2}-\d{2}$/.test(TEST_TODAY ?? "")) throw new Error(`QCDC_TEST_TODAY must be YYYY-MM-DD, not ${TEST_TODAY}`);
vi.setSystemTime(new Date(`${TEST_TODAY}T12:00:00+07:00`));

afterEach(() => {
  cleanup();
  localStorage.clear();
});

// antd's responsive helpers need matchMedia, which jsdom lacks.
if (typeof window !== "undefined" && !window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

// antd's button-style radio groups and tables observe their size; jsdom has no ResizeObserver.
if (typeof window !== "undefined" && typeof window.ResizeObserver === "undefined") {
  (window as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}
