import { App, Button, Card, List, Popconfirm, Tag } from "antd";
import { DisconnectOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { errorMessage } from "../../../lib/errors";
import { useUnlinkPetitions } from "../api/link-petitions";
import type { LinkRead, PetitionRead } from "../api/types";

/** Cases marked as duplicates of, or related to, this one; one outside the jurisdiction shows only that it exists. */
export function LinksCard({ petition, canWrite }: { petition: PetitionRead; canWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const unlink = useUnlinkPetitions();

  const onUnlink = async (l: LinkRead) => {
    if (l.petition_id === null) return;
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
              // A case outside the jurisdiction is named by no id: only someone who sees both unlinks them.
              canWrite && l.petition_id !== null
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
            {l.petition_id === null ? (
              <span>{t("petitions.links.outside")}</span>
            ) : (
              <Link to={`/petitions/${l.petition_id}`}>{l.reference}</Link>
            )}
            <Tag style={{ marginLeft: 8 }}>{t(`petitions.linkKind.${l.kind}`)}</Tag>
          </List.Item>
        )}
      />
    </Card>
  );
}
