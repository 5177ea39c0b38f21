import { useState } from "react";
import { Alert, App, Button, Card, Checkbox, List, Popconfirm, Space, Tag, Typography } from "antd";
import { DeleteOutlined, DownloadOutlined, LockOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../api/client";
import { errorMessage } from "../../../lib/errors";
import { formatDateTime } from "../../../lib/format";
import { useDeleteAttachment } from "../api/delete-attachment";
import { downloadAttachment } from "../api/download-attachment";
import { useAttachments } from "../api/list-attachments";
import type { AttachmentRead, PetitionRead } from "../api/types";
import { useUploadAttachment } from "../api/upload-attachment";
import { formatBytes, shortType } from "../../../lib/files";
import { UploadButton, useFileDownload } from "../../../components/files/AttachedFiles";

type Props = { petition: PetitionRead; canWrite: boolean; canConfidential: boolean };

/** Scans and decisions of the case: upload, download, and removal of a file attached by mistake. */
export function AttachmentsCard({ petition, canWrite, canConfidential }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const files = useAttachments(petition.id);
  const upload = useUploadAttachment();
  const remove = useDeleteAttachment();
  const [confidential, setConfidential] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const { downloading, onDownload } = useFileDownload((a: AttachmentRead) => downloadAttachment(petition.id, a.id));

  const uploadProblem = (err: unknown): string => {
    if (err instanceof ApiError && err.code === "payload_too_large") {
      const max = err.extensions.max_bytes;
      return typeof max === "number"
        ? t("petitions.attachments.tooLarge", { max: formatBytes(max) })
        : t("petitions.attachments.tooLargeNoMax");
    }
    if (err instanceof ApiError && (err.code === "unsupported_file_type" || err.code === "unsupported_media_type")) {
      const types = err.extensions.accepted_types;
      const list = Array.isArray(types) ? types.map((x) => shortType(String(x))).join(", ") : "PDF, PNG, JPEG, TIFF, DOCX, XLSX, TXT";
      return t("petitions.attachments.unsupported", { types: list });
    }
    return errorMessage(t, err);
  };

  const onFile = async (file: File) => {
    setUploadError(null);
    try {
      const saved = await upload.mutateAsync({ petitionId: petition.id, file, confidential });
      void message.success(t("petitions.attachments.uploaded", { name: saved.filename }));
    } catch (err) {
      setUploadError(`${file.name}: ${uploadProblem(err)}`);
    }
  };

  const onDelete = async (a: AttachmentRead) => {
    try {
      await remove.mutateAsync({ petitionId: petition.id, attachmentId: a.id });
      void message.success(t("petitions.attachments.deleted", { name: a.filename }));
    } catch (err) {
      void message.error(errorMessage(t, err));
    }
  };

  return (
    <Card size="small" title={t("petitions.attachments.title")}>
      {canWrite && (
        <Space orientation="vertical" style={{ display: "flex", marginBottom: 12 }}>
          <Space wrap>
            <UploadButton onFile={onFile} loading={upload.isPending} label={t("petitions.attachments.upload")} />
            <Checkbox checked={confidential} onChange={(e) => setConfidential(e.target.checked)}>
              {t("petitions.attachments.confidential")}
            </Checkbox>
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("petitions.attachments.hint")}
            {petition.identity_confidential && ` ${t("petitions.attachments.confidentialHint")}`}
          </Typography.Text>
          {uploadError && (
            <Alert type="error" showIcon role="alert" title={uploadError} closable onClose={() => setUploadError(null)} />
          )}
        </Space>
      )}
      {files.isError && <Alert type="error" showIcon title={errorMessage(t, files.error)} />}
      <List<AttachmentRead>
        size="small"
        loading={files.isPending}
        dataSource={files.data ?? []}
        locale={{ emptyText: t("petitions.attachments.empty") }}
        renderItem={(a) => (
          <List.Item
            actions={[
              <Button
                key="get"
                size="small"
                icon={<DownloadOutlined />}
                loading={downloading === a.id}
                onClick={() => onDownload(a)}
                aria-label={t("petitions.attachments.download", { name: a.filename })}
              />,
              ...(canWrite && (!a.confidential || canConfidential)
                ? [
                    <Popconfirm
                      key="del"
                      title={t("petitions.attachments.deleteConfirm", { name: a.filename })}
                      okText={t("common.confirm")}
                      cancelText={t("common.cancel")}
                      onConfirm={() => onDelete(a)}
                    >
                      <Button
                        size="small"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t("petitions.attachments.delete", { name: a.filename })}
                      />
                    </Popconfirm>,
                  ]
                : []),
            ]}
          >
            <List.Item.Meta
              title={
                <Space size={4} wrap>
                  <span>{a.filename}</span>
                  {a.confidential && (
                    <Tag icon={<LockOutlined />} color="red">
                      {t("petitions.attachments.confidentialTag")}
                    </Tag>
                  )}
                </Space>
              }
              description={t("petitions.attachments.meta", {
                type: shortType(a.content_type),
                size: formatBytes(a.size),
                at: formatDateTime(a.uploaded_at),
                who: a.uploaded_by ?? "—",
              })}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
