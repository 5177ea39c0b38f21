import { describe, expect, it } from "vitest";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { Form, type FormInstance } from "antd";
import "../../../i18n";
import "../i18n";
import type { PersonValues } from "../petitioner-rows";
import { PetitionerRows } from "./PetitionerRows";

type Values = { petitioners?: PersonValues[] };

function show(initial: PersonValues[], denunciation?: boolean) {
  let form: FormInstance<Values> | undefined;
  function Host() {
    const [f] = Form.useForm<Values>();
    form = f;
    return (
      <Form form={f} initialValues={{ petitioners: initial }}>
        <PetitionerRows denunciation={denunciation} />
      </Form>
    );
  }
  render(<Host />);
  return () => form!;
}

describe("PetitionerRows", () => {
  it("labels each person's group and fields, adds and removes rows", () => {
    const form = show([{ full_name: "Nguyễn Văn An", is_representative: true }]);
    const first = screen.getByRole("group", { name: "Người thứ 1" });
    expect((within(first).getByLabelText("Họ và tên") as HTMLInputElement).value).toBe("Nguyễn Văn An");
    expect((within(first).getByRole("checkbox") as HTMLInputElement).checked).toBe(true);

    fireEvent.click(screen.getByRole("button", { name: /Thêm người gửi/ }));
    const second = screen.getByRole("group", { name: "Người thứ 2" });
    fireEvent.change(within(second).getByLabelText("Họ và tên"), { target: { value: "Trần Thị Bình" } });
    expect(form().getFieldValue("petitioners")).toEqual([
      { full_name: "Nguyễn Văn An", is_representative: true },
      { full_name: "Trần Thị Bình", is_representative: false },
    ]);

    fireEvent.click(screen.getByRole("button", { name: "Xóa người thứ 1" }));
    expect(screen.queryByRole("group", { name: "Người thứ 2" })).toBeNull();
    expect(form().getFieldValue("petitioners")).toEqual([{ full_name: "Trần Thị Bình", is_representative: false }]);
  });

  it("asks for a name on every row", async () => {
    const form = show([{ full_name: "  " }]);
    await act(async () => {
      await form()
        .validateFields()
        .catch(() => undefined);
    });
    await waitFor(() => expect(within(screen.getByRole("group", { name: "Người thứ 1" })).getByText("Bắt buộc nhập")).toBeTruthy());
  });

  it("says denouncer on a denunciation's add button", () => {
    show([], true);
    expect(screen.getByRole("button", { name: /Thêm người tố cáo/ })).toBeTruthy();
    expect(screen.queryByRole("group")).toBeNull();
  });
});
