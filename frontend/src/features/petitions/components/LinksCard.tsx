import { App, Button, Card, List, Popconfirm, Tag } from "antd";
import { DisconnectOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { errorMessage } from "../../../lib/errors";
import { useUnlinkPetitions } from "../api/link-petitions";
import type { LinkRead, PetitionRead } from "../api/types";

/** Cases marked as duplicates of, or related to, this one. */
export function LinksCard({ petition, canWrite }: { petition: PetitionRead; canWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const unlink = useUnlinkPetitions();

  const onUnlink = async (l: LinkRead) => {
    try {
      await unlink.mutateAsync({ petitionId: petition.id, otherId: l.petition_id });
    } catch (err) {
      void message.error(errorMessage(t, err));
    }
  };

  return (
    <Card size="small" title={t("petitions.links.title")}>
      <List<LinkRead>
        size="small"
        dataSource={petition.linked}
        locale={{ emptyText: t("petitions.links.empty") }}
        renderItem={(l) => (
          <List.Item
            actions={
              canWrite
                ? [
                    <Popconfirm
                      key="unlink"
                      title={t("petitions.links.unlinkConfirm", { reference: l.reference })}
                      okText={t("common.confirm")}
                      cancelText={t("common.cancel")}
                      onConfirm={() => onUnlink(l)}
                    >
                      <Button size="small" icon={<DisconnectOutlined />} aria-label={t("petitions.links.unlink", { reference: l.reference })} />
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <Link to={`/petitions/${l.petition_id}`}>{l.reference}</Link>
            <Tag style={{ marginLeft: 8 }}>{t(`petitions.linkKind.${l.kind}`)}</Tag>
          </List.Item>
        )}
      />
    </Card>
  );
}
