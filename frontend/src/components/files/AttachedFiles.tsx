import { useState, type ReactNode } from "react";
import { Alert, App, Button, List, Popconfirm, Space, Typography, Upload } from "antd";
import { DeleteOutlined, DownloadOutlined, PaperClipOutlined, UploadOutlined } from "@ant-design/icons";
import type { UseQueryResult } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { errorMessage } from "../../lib/errors";
import { ACCEPT, formatBytes, saveFile, shortType } from "../../lib/files";
import { formatDateTime } from "../../lib/format";

/** What every resource's file answer says (`FileRead` in the contract). */
export type StoredFile = {
  id: string;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  uploaded_at: string;
  uploaded_by: string | null;
};

/** A resource's files as its feature reaches them: the list, the upload and removal, the download. */
export type FilesSource<T extends StoredFile> = {
  files: UseQueryResult<T[]>;
  upload: (file: File) => Promise<T>;
  uploading: boolean;
  remove: (file: T) => Promise<void>;
  download: (file: T) => Promise<Blob>;
};

/**
 * A "files" button that shows its children (a resource's files) once pressed: a page with many
 * findings or activities asks for no list until one is opened.
 */
export function FilesToggle({ children }: { children: () => ReactNode }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <div>
      <Button size="small" type="link" icon={<PaperClipOutlined />} style={{ paddingInline: 0 }} aria-expanded={open} onClick={() => setOpen(!open)}>
        {t("files.title")}
      </Button>
      {open && children()}
    </div>
  );
}

/**
 * Save a file under its name once its bytes are fetched (with the session's token: a plain link would
 * not do); `downloading` names the file on its way, a failure is said in a message.
 */
export function useFileDownload<T extends Pick<StoredFile, "id" | "filename">>(download: (file: T) => Promise<Blob>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [downloading, setDownloading] = useState<string | null>(null);
  const onDownload = async (a: T) => {
    setDownloading(a.id);
    try {
      saveFile(await download(a), a.filename);
    } catch (err) {
      void message.error(errorMessage(t, err));
    } finally {
      setDownloading(null);
    }
  };
  return { downloading, onDownload };
}

/** The button that picks files (several at once) and hands each to `onFile`. */
export function UploadButton({ onFile, loading, label, size }: { onFile: (file: File) => Promise<void>; loading: boolean; label: string; size?: "small" }) {
  return (
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
      <Button size={size} icon={<UploadOutlined />} loading={loading}>
        {label}
      </Button>
    </Upload>
  );
}

/** The text of a refused upload: the size limit and the accepted types in words, else the problem's. */
function uploadProblem(t: ReturnType<typeof useTranslation>["t"], err: unknown): string {
  if (err instanceof ApiError && err.code === "payload_too_large") {
    const max = err.extensions.max_bytes;
    return typeof max === "number" ? t("files.tooLarge", { max: formatBytes(max) }) : t("files.tooLargeNoMax");
  }
  if (err instanceof ApiError && (err.code === "unsupported_file_type" || err.code === "unsupported_media_type")) {
    return t("files.unsupported");
  }
  return errorMessage(t, err);
}

/**
 * A resource's files (oldest first): name, type, size, when and by whom, a download button and, for
 * whoever may, upload and removal (the removal sends the file's digest as `If-Match`).
 */
export function AttachedFiles<T extends StoredFile>({ source, canWrite }: { source: FilesSource<T>; canWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { files, upload, uploading, remove, download } = source;
  const [uploadError, setUploadError] = useState<string | null>(null);
  const { downloading, onDownload } = useFileDownload(download);

  const onFile = async (file: File) => {
    setUploadError(null);
    try {
      const saved = await upload(file);
      void message.success(t("files.uploaded", { name: saved.filename }));
    } catch (err) {
      setUploadError(`${file.name}: ${uploadProblem(t, err)}`);
    }
  };

  const onDelete = async (a: T) => {
    try {
      await remove(a);
      void message.success(t("files.deleted", { name: a.filename }));
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
          {t("files.empty")}
        </Typography.Text>
      )}
      {items.length > 0 && (
        <List<T>
          size="small"
          aria-label={t("files.title")}
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
                  aria-label={t("files.download", { name: a.filename })}
                />,
                ...(canWrite
                  ? [
                      <Popconfirm
                        key="del"
                        title={t("files.deleteConfirm", { name: a.filename })}
                        okText={t("common.confirm")}
                        cancelText={t("common.cancel")}
                        onConfirm={() => onDelete(a)}
                      >
                        <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t("files.delete", { name: a.filename })} />
                      </Popconfirm>,
                    ]
                  : []),
              ]}
            >
              <Space size={6} wrap>
                <span>{a.filename}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t("files.meta", {
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
          <UploadButton onFile={onFile} loading={uploading} label={t("files.upload")} size="small" />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("files.hint")}
          </Typography.Text>
        </Space>
      )}
      {uploadError && <Alert type="error" showIcon role="alert" title={uploadError} closable onClose={() => setUploadError(null)} />}
    </Space>
  );
}
