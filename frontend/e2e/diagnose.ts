import { beforeEach } from "vitest";
import { describePages } from "./browser";

// A failed step's error says what the page showed then: CI prints the error at the end of its log,
// where it is kept, and a screenshot of a CI machine cannot be looked at afterwards.
beforeEach(({ onTestFailed }) => {
  onTestFailed(async ({ task }) => {
    const error = task.result?.errors?.[0];
    // The step's own first line is repeated last: the log's end is what CI keeps.
    if (error)
      error.message = `${error.message}\n--- what the page showed ---\n${await describePages().catch((e: unknown) => String(e))}\nfailed: ${error.message.split("\n")[0]}`;
  });
});
