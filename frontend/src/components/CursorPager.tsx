import type { ReactNode } from "react";
import { Button, Space } from "antd";
import { useTranslation } from "react-i18next";

type Props = {
  cursor: string | null;
  nextCursor: string | null | undefined;
  onChange: (cursor: string | null) => void;
  /** Shown before the buttons (a page size control). */
  extra?: ReactNode;
};

/** Cursor pages only go forward; the browser's Back button (the cursor is in the URL) goes back. */
export function CursorPager({ cursor, nextCursor, onChange, extra }: Props) {
  const { t } = useTranslation();
  return (
    <Space style={{ marginTop: 12, display: "flex", justifyContent: "flex-end" }} wrap>
      {extra}
      <Button disabled={!cursor} onClick={() => onChange(null)}>
        {t("list.firstPage")}
      </Button>
      <Button type="primary" disabled={!nextCursor} onClick={() => onChange(nextCursor ?? null)}>
        {t("list.nextPage")}
      </Button>
    </Space>
  );
}
