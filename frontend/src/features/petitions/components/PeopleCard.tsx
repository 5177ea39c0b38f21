import { useState } from "react";
import { Alert, Button, Card, Modal, Space, Table, Tag, Typography } from "antd";
import { EyeInvisibleOutlined, EyeOutlined, LockOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../lib/errors";
import { useRevealIdentity } from "../api/get-petition-identity";
import type { PersonRead, PetitionRead } from "../api/types";

type Props = { petition: PetitionRead; canConfidential: boolean };

/** The petitioners; for a denunciation, the confidential denouncers behind an explicit, audited "show". */
export function PeopleCard({ petition: p, canConfidential }: Props) {
  const { t } = useTranslation();
  if (p.identity_confidential) {
    return (
      <Card size="small" title={t("petitions.identity.title")}>
        <DenouncerIdentity petition={p} canConfidential={canConfidential} />
      </Card>
    );
  }
  return (
    <Card size="small" title={t("petitions.form.petitioners")}>
      <PeopleTable people={p.petitioners} />
    </Card>
  );
}

function PeopleTable({ people }: { people: readonly PersonRead[] }) {
  const { t } = useTranslation();
  return (
    <Table<PersonRead & { key: number }>
      size="small"
      pagination={false}
      dataSource={people.map((x, key) => ({ ...x, key }))}
      scroll={{ x: true }}
      locale={{ emptyText: t("petitions.page.noPetitioners") }}
      columns={[
        {
          title: t("petitions.person.fullName"),
          dataIndex: "full_name",
          render: (v: string, x) => (
            <>
              {v} {x.is_representative && <Tag color="blue">{t("petitions.person.representative")}</Tag>}
            </>
          ),
        },
        { title: t("petitions.person.address"), dataIndex: "address", render: (v: string | null) => v ?? "—" },
        { title: t("petitions.person.identityNumber"), dataIndex: "identity_number", render: (v: string | null) => v ?? "—" },
        { title: t("petitions.person.phone"), dataIndex: "phone", render: (v: string | null) => v ?? "—" },
      ]}
    />
  );
}

function DenouncerIdentity({ petition: p, canConfidential }: Props) {
  const { t } = useTranslation();
  const reveal = useRevealIdentity();
  const [confirming, setConfirming] = useState(false);

  if (p.anonymous) return <Alert type="info" showIcon title={t("petitions.identity.anonymous")} />;
  return (
    <Space orientation="vertical" style={{ display: "flex" }}>
      <Alert
        type="warning"
        showIcon
        icon={<LockOutlined />}
        title={t("petitions.identity.hidden")}
        description={canConfidential ? t("petitions.identity.hiddenCanShow") : t("petitions.identity.hiddenNoPermission")}
      />
      {canConfidential && !reveal.data && (
        <Button icon={<EyeOutlined />} onClick={() => setConfirming(true)} loading={reveal.isPending}>
          {t("petitions.identity.show")}
        </Button>
      )}
      {reveal.isError && <Alert type="error" showIcon role="alert" title={errorMessage(t, reveal.error)} />}
      {reveal.data && (
        <>
          <Typography.Text type="secondary">{t("petitions.identity.recorded")}</Typography.Text>
          <PeopleTable people={reveal.data.denouncers} />
          <Button icon={<EyeInvisibleOutlined />} onClick={() => reveal.reset()}>
            {t("petitions.identity.hide")}
          </Button>
        </>
      )}
      <Modal
        open={confirming}
        title={t("petitions.identity.confirmTitle")}
        okText={t("petitions.identity.confirmOk")}
        cancelText={t("common.cancel")}
        onCancel={() => setConfirming(false)}
        onOk={() => {
          setConfirming(false);
          reveal.mutate(p.id);
        }}
      >
        <Typography.Paragraph>{t("petitions.identity.confirmText")}</Typography.Paragraph>
      </Modal>
    </Space>
  );
}
