import { useState } from "react";
import { Alert, App, Button, List, Popconfirm, Space, Typography, Upload } from "antd";
import { DeleteOutlined, DownloadOutlined, PaperClipOutlined, UploadOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../api/client";
import { errorMessage } from "../../../lib/errors";
import { ACCEPT, formatBytes, saveFile, shortType } from "../../../lib/files";
import { formatDateTime } from "../../../lib/format";
import { useDeleteAttachment } from "../api/delete-attachment";
import { downloadAttachment } from "../api/download-attachment";
import { useAttachments, type AttachmentRead, type FilesOwner } from "../api/list-attachments";
import { useUploadAttachment } from "../api/upload-attachment";

type Props = {
  owner: FilesOwner;
  /** Files may be attached and removed now (the organiser while the team collects; the owner while it reports). */
  canWrite: boolean;
};

/**
 * The files of a finding (its evidence) or of a progress report, behind a toggle: a page with many
 * findings asks for no list until one is opened. Open: list, download and, for whoever may, upload
 * and removal.
 */
export function EvidenceFiles({ owner, canWrite }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <div>
      <Button size="small" type="link" icon={<PaperClipOutlined />} style={{ paddingInline: 0 }} aria-expanded={open} onClick={() => setOpen(!open)}>
        {t("inspections.files.title")}
      </Button>
      {open && <FilesList owner={owner} canWrite={canWrite} />}
    </div>
  );
}

function FilesList({ owner, canWrite }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const files = useAttachments(owner);
  const upload = useUploadAttachment(owner);
  const remove = useDeleteAttachment(owner);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [downloading, setDownloading] = useState<string | null>(null);

  const uploadProblem = (err: unknown): string => {
    if (err instanceof ApiError && err.code === "payload_too_large") {
      const max = err.extensions.max_bytes;
      return typeof max === "number" ? t("inspections.files.tooLarge", { max: formatBytes(max) }) : t("inspections.files.tooLargeNoMax");
    }
    if (err instanceof ApiError && (err.code === "unsupported_file_type" || err.code === "unsupported_media_type")) {
      return t("inspections.files.unsupported");
    }
    return errorMessage(t, err);
  };

  const onFile = async (file: File) => {
    setUploadError(null);
    try {
      const saved = await upload.mutateAsync(file);
      void message.success(t("inspections.files.uploaded", { name: saved.filename }));
    } catch (err) {
      setUploadError(`${file.name}: ${uploadProblem(err)}`);
    }
  };

  const onDownload = async (a: AttachmentRead) => {
    setDownloading(a.id);
    try {
      saveFile(await downloadAttachment(owner, a.id), a.filename);
    } catch (err) {
      void message.error(errorMessage(t, err));
    } finally {
      setDownloading(null);
    }
  };

  const onDelete = async (a: AttachmentRead) => {
    try {
      await remove.mutateAsync(a);
      void message.success(t("inspections.files.deleted", { name: a.filename }));
    } catch (err) {
      void message.error(errorMessage(t, err));
    }
  };

  const items = files.data ?? [];
  return (
    <Space orientation="vertical" size={4} style={{ display: "flex" }}>
      {files.isError && <Alert type="error" showIcon title={errorMessage(t, files.error)} />}
      {files.isSuccess && items.length === 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("inspections.files.empty")}
        </Typography.Text>
      )}
      {items.length > 0 && (
        <List<AttachmentRead>
          size="small"
          aria-label={t("inspections.files.title")}
          dataSource={items}
          renderItem={(a) => (
            <List.Item
              style={{ padding: "2px 0" }}
              actions={[
                <Button
                  key="get"
                  size="small"
                  type="text"
                  icon={<DownloadOutlined />}
                  loading={downloading === a.id}
                  onClick={() => onDownload(a)}
                  aria-label={t("inspections.files.download", { name: a.filename })}
                />,
                ...(canWrite
                  ? [
                      <Popconfirm
                        key="del"
                        title={t("inspections.files.deleteConfirm", { name: a.filename })}
                        okText={t("common.confirm")}
                        cancelText={t("common.cancel")}
                        onConfirm={() => onDelete(a)}
                      >
                        <Button
                          size="small"
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t("inspections.files.delete", { name: a.filename })}
                        />
                      </Popconfirm>,
                    ]
                  : []),
              ]}
            >
              <Space size={6} wrap>
                <span>{a.filename}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t("inspections.files.meta", {
                    type: shortType(a.content_type),
                    size: formatBytes(a.size),
                    at: formatDateTime(a.uploaded_at),
                    who: a.uploaded_by ?? "—",
                  })}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
      {canWrite && (
        <Space wrap size={6}>
          <Upload
            accept={ACCEPT}
            showUploadList={false}
            multiple
            beforeUpload={(file) => {
              void onFile(file);
              // The request is ours (typed client, session token); antd only picks the file.
              return false;
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={upload.isPending}>
              {t("inspections.files.upload")}
            </Button>
          </Upload>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("inspections.files.hint")}
          </Typography.Text>
        </Space>
      )}
      {uploadError && <Alert type="error" showIcon role="alert" title={uploadError} closable onClose={() => setUploadError(null)} />}
    </Space>
  );
}
