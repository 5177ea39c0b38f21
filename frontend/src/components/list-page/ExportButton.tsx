import { useState } from "react";
import { App, Button } from "antd";
import { DownloadOutlined } from "@ant-design/icons";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/errors";
import { saveFile } from "../../lib/files";

/** A list's file: its name (`petitions`) and how to fetch every row the current filters select as XLSX. */
export type ExportFile = { name: string; download: () => Promise<Blob> };

/** "Xuất Excel": the list's current filters and sort as an XLSX file, fetched with the session's token. */
export function ExportButton({ file }: { file: ExportFile }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const onClick = async () => {
    setBusy(true);
    try {
      saveFile(await file.download(), `${file.name}-${dayjs().format("YYYYMMDD")}.xlsx`);
    } catch (err) {
      void message.error(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void onClick()}>
      {t("list.exportExcel")}
    </Button>
  );
}
