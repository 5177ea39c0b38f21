import { useState } from "react";
import { App, Button } from "antd";
import { DownloadOutlined } from "@ant-design/icons";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { exportByJob } from "../../api/export-job";
import { errorMessage } from "../../lib/errors";
import { saveFile } from "../../lib/files";

/** A list's file: its name (`petitions`) and how to fetch every row the current filters select as XLSX. */
export type ExportFile = { name: string; download: () => Promise<Blob> };

/**
 * "Xuất Excel": the list's current filters and sort as an XLSX file, fetched with the session's
 * token; a list too large for a request is exported by a job, its progress shown meanwhile.
 */
export function ExportButton({ file }: { file: ExportFile }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const onClick = async () => {
    setBusy(true);
    try {
      saveFile(await file.download(), `${file.name}-${dayjs().format("YYYYMMDD")}.xlsx`);
    } catch (err) {
      if (err instanceof ApiError && err.code === "export_too_large" && err.url) {
        await exportLarge(err.url);
      } else {
        void message.error(errorMessage(t, err));
      }
    } finally {
      setBusy(false);
    }
  };
  const exportLarge = async (listUrl: string) => {
    const key = `export-${file.name}`;
    try {
      const { blob, filename } = await exportByJob(listUrl, (done, total) => {
        void message.loading({ key, duration: 0, content: t("list.exportingByJob", { done, total: total ?? done }) });
      });
      message.destroy(key);
      saveFile(blob, filename);
    } catch (err) {
      message.destroy(key);
      void message.error(errorMessage(t, err));
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void onClick()}>
      {t("list.exportExcel")}
    </Button>
  );
}
