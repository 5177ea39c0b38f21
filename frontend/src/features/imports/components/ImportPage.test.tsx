import { beforeAll, beforeEach, describe, expect, it, vi, type Mock } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App } from "antd";
import type { ComponentType } from "react";
import "../../../i18n";
import "../i18n";
import type { ImportResult, JobRead } from "../api/imports";

/*
 * The screen against a fake API at the fetch level: what goes over the wire (the multipart form,
 * dry run first), the job followed until it has finished, its report, and the import of the valid
 * rows once the officer chooses it.
 */

const result = (over: Partial<ImportResult>): ImportResult => ({
  resource: "units",
  format: "xlsx",
  dry_run: true,
  mode: "all",
  applied: false,
  rows: 300,
  created: 297,
  updated: 0,
  unchanged: 0,
  failed: 3,
  conversions: [{ column: "Tên", from: "tcvn3" }],
  ignored_columns: [],
  error_total: 3,
  errors: [
    { row: 12, column: "Mã đơn vị cấp trên", code: "parent_not_found", message_vi: "Không tìm thấy đơn vị cấp trên mã 99999", message_en: "No unit 99999" },
    { row: 40, column: "Tên", code: "missing_value", message_vi: "Thiếu tên", message_en: "No name" },
    { row: 41, column: "Ngày bắt đầu", code: "invalid_date", message_vi: "Ngày 31/02/2025 không có thật", message_en: "No such day" },
  ],
  ...over,
});

const job = (id: string, state: JobRead["state"], res: ImportResult | null, done = 0): JobRead =>
  ({
    id,
    kind: "import",
    state,
    progress: { done, total: 300 },
    attempts: 1,
    principal_kind: "user",
    principal_id: "u-1",
    unit_id: null,
    created_at: "2026-11-26T03:00:00Z",
    started_at: null,
    finished_at: null,
    result: res,
    error: null,
  }) as unknown as JobRead;

let jobs: Record<string, JobRead[]>;
let submitted: FormData[];
let fetchMock: Mock<(input: Request) => Promise<Response>>;
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

async function serve(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.pathname === "/api/v1/imports" && request.method === "POST") {
    const form = await request.formData();
    submitted.push(form);
    const id = form.get("dry_run") === "true" ? "check" : "apply";
    return json(202, jobs[id]![0]);
  }
  const id = /^\/api\/v1\/jobs\/([^/]+)$/.exec(url.pathname)?.[1];
  if (id && jobs[id]) {
    // Each read shows the job one step further, the last step for ever after.
    const steps = jobs[id]!;
    return json(200, steps.length > 1 ? steps.shift() : steps[0]);
  }
  return json(404, { code: "not_found", detail: url.pathname, status: 404, title: "Not Found", type: "about:blank" });
}

let Page: ComponentType<{ resources: { key: string; permission: "units:write" }[] }>;

beforeAll(async () => {
  vi.stubEnv("VITE_API_BASE_URL", "http://api.test");
  vi.stubGlobal("fetch", (input: Request) => fetchMock(input));
  Page = (await import("./ImportPage")).ImportPage;
});

beforeEach(() => {
  submitted = [];
  jobs = {
    check: [job("check", "queued", null), job("check", "running", null, 150), job("check", "succeeded", result({}), 300)],
    apply: [job("apply", "running", null, 10), job("apply", "succeeded", result({ dry_run: false, mode: "valid", applied: true }), 300)],
  };
  fetchMock = vi.fn(serve);
});

function show() {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <App>
        <Page resources={[{ key: "units", permission: "units:write" }]} />
      </App>
    </QueryClientProvider>,
  );
}

describe("the import screen", () => {
  it("checks the file first, reports every error by row and column, then imports the valid rows when asked", async () => {
    show();
    const file = new File(["Mã,Tên\n"], "thon-cao-bang.xlsx", { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
    const check = screen.getByRole("button", { name: "Kiểm tra tệp" });
    expect(check.hasAttribute("disabled")).toBe(true);
    fireEvent.change(document.querySelector('input[type="file"]')!, { target: { files: [file] } });
    await waitFor(() => expect(screen.getByRole("button", { name: "Kiểm tra tệp" }).hasAttribute("disabled")).toBe(false));
    fireEvent.click(screen.getByRole("button", { name: "Kiểm tra tệp" }));

    // The report, once the check's job has succeeded: figures, the converted column, every error.
    expect(await screen.findByText("Không tìm thấy đơn vị cấp trên mã 99999", undefined, { timeout: 5_000 })).toBeTruthy();
    const form = submitted[0]!;
    // (The file's name does not survive jsdom's multipart round trip; its bytes do.)
    expect([form.get("resource"), form.get("mode"), form.get("dry_run"), (form.get("file") as Blob).size]).toEqual([
      "units",
      "all",
      "true",
      file.size,
    ]);
    expect(screen.getByText("Cột “Tên” được chuyển từ TCVN3 (ABC) sang Unicode.")).toBeTruthy();
    expect(screen.getByText("Có 3 lỗi. Tải tệp lỗi, sửa các ô được tô đỏ rồi tải tệp lên lại; hoặc chỉ nhập các dòng hợp lệ.")).toBeTruthy();
    const invalidDate = screen.getByText("Ngày 31/02/2025 không có thật").closest("tr") as HTMLElement;
    expect(within(invalidDate).getByText("41")).toBeTruthy();
    expect(within(invalidDate).getByText("Ngày bắt đầu")).toBeTruthy();

    // All or nothing cannot import a file with errors; the valid rows can.
    const apply = screen.getByRole("button", { name: "Nhập dữ liệu" });
    expect(apply.hasAttribute("disabled")).toBe(true);
    fireEvent.click(screen.getByRole("radio", { name: "Chỉ nhập 297 dòng hợp lệ, bỏ qua các dòng lỗi" }));
    fireEvent.click(screen.getByRole("button", { name: "Nhập dữ liệu" }));
    expect(await screen.findByText("Đã nhập xong.", undefined, { timeout: 5_000 })).toBeTruthy();
    expect([submitted[1]!.get("mode"), submitted[1]!.get("dry_run")]).toEqual(["valid", "false"]);
  });

  it("says why a file could not be processed", async () => {
    jobs.check = [{ ...job("check", "failed", null), error: { code: "merged_header", message: "Ô tiêu đề B1:C1 bị gộp" } } as JobRead];
    show();
    fireEvent.change(document.querySelector('input[type="file"]')!, { target: { files: [new File(["x"], "a.xlsx")] } });
    await waitFor(() => expect(screen.getByRole("button", { name: "Kiểm tra tệp" }).hasAttribute("disabled")).toBe(false));
    fireEvent.click(screen.getByRole("button", { name: "Kiểm tra tệp" }));
    expect(await screen.findByText("Ô tiêu đề B1:C1 bị gộp (merged_header)")).toBeTruthy();
    expect(screen.getByText("Không xử lý được tệp")).toBeTruthy();
  });
});
