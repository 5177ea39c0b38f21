import { App, Alert, Button, Input, Modal, Space } from "antd";
import { CopyOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { ApiKeyCreated } from "../api/types";

/** The one and only showing of a new key's secret. */
export function ApiKeySecretModal({ created, onClose }: { created: ApiKeyCreated | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.key);
      void message.success(t("apiKeys.copied"));
    } catch {
      void message.error(t("apiKeys.copyFailed"));
    }
  };
  return (
    <Modal
      open={created !== null}
      title={t("apiKeys.createdTitle", { name: created?.name ?? "" })}
      onCancel={onClose}
      maskClosable={false}
      keyboard={false}
      footer={
        <Button type="primary" onClick={onClose}>
          {t("apiKeys.savedIt")}
        </Button>
      }
    >
      <Alert type="warning" showIcon message={t("apiKeys.onceWarning")} style={{ marginBottom: 16 }} />
      <Space.Compact style={{ width: "100%" }}>
        <Input readOnly value={created?.key ?? ""} style={{ fontFamily: "monospace" }} onFocus={(e) => e.target.select()} />
        <Button icon={<CopyOutlined />} onClick={copy}>
          {t("apiKeys.copy")}
        </Button>
      </Space.Compact>
    </Modal>
  );
}
