import { describe, expect, it } from "vitest";
import { formatBytes, shortType } from "./files";

describe("file labels", () => {
  it("sizes files in decimal units", () => {
    expect(formatBytes(10)).toBe("10 B");
    expect(formatBytes(183_244)).toBe("183 kB");
    expect(formatBytes(1_250_000)).toBe("1.3 MB");
    expect(formatBytes(20 * 1024 * 1024)).toBe("21 MB");
  });

  it("names content types as people do", () => {
    expect(shortType("application/pdf")).toBe("PDF");
    expect(shortType("text/plain; charset=utf-8")).toBe("TXT");
    expect(shortType("application/vnd.openxmlformats-officedocument.wordprocessingml.document")).toBe("DOCX");
    expect(shortType("application/zip")).toBe("application/zip");
  });
});
