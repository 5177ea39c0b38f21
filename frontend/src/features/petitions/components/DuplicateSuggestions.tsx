import { useState } from "react";
import { Alert, Button, List, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { errorMessage } from "../../../lib/errors";
import { formatDate } from "../../../lib/format";
import { useLinkPetitions } from "../api/link-petitions";
import type { DuplicateSuggestion, LinkKind } from "../api/types";

type Props = { petitionId: string; suggestions: readonly DuplicateSuggestion[] };

/** Likely duplicates the API found when the case was recorded, each linkable in one click. */
export function DuplicateSuggestions({ petitionId, suggestions }: Props) {
  const { t, i18n } = useTranslation();
  const link = useLinkPetitions();
  const [linked, setLinked] = useState<Record<string, LinkKind>>({});
  const [error, setError] = useState<string | null>(null);
  const percent = new Intl.NumberFormat(i18n.resolvedLanguage === "en" ? "en-GB" : "vi-VN", { style: "percent" });

  const onLink = async (otherId: string, kind: LinkKind) => {
    setError(null);
    try {
      await link.mutateAsync({ petitionId, otherId, kind });
      setLinked((prev) => ({ ...prev, [otherId]: kind }));
    } catch (err) {
      setError(errorMessage(t, err));
    }
  };

  return (
    <>
      <Typography.Paragraph>{t("petitions.duplicates.intro")}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      <List
        itemLayout="vertical"
        dataSource={[...suggestions]}
        renderItem={(s) => (
          <List.Item
            key={s.id}
            actions={
              linked[s.id]
                ? [<Tag key="done" color="green">{t("petitions.duplicates.linked", { kind: t(`petitions.linkKind.${linked[s.id]}`) })}</Tag>]
                : [
                    <Button
                      key="dup"
                      size="small"
                      loading={link.isPending && link.variables?.otherId === s.id && link.variables.kind === "duplicate"}
                      onClick={() => onLink(s.id, "duplicate")}
                    >
                      {t("petitions.duplicates.markDuplicate")}
                    </Button>,
                    <Button
                      key="rel"
                      size="small"
                      loading={link.isPending && link.variables?.otherId === s.id && link.variables.kind === "related"}
                      onClick={() => onLink(s.id, "related")}
                    >
                      {t("petitions.duplicates.markRelated")}
                    </Button>,
                  ]
            }
          >
            <Space orientation="vertical" size={2}>
              <Space wrap>
                <Link to={`/petitions/${s.id}`} target="_blank" rel="noopener">
                  {s.reference}
                </Link>
                <Typography.Text>{s.subject}</Typography.Text>
              </Space>
              <Typography.Text type="secondary">
                {t("petitions.duplicates.meta", {
                  date: formatDate(s.received_on),
                  status: t(`petitions.status.${s.status}`),
                  similarity: percent.format(s.similarity),
                })}
              </Typography.Text>
              <Space size={4} wrap>
                {s.reasons.map((r) => (
                  <Tag key={r}>{t(`petitions.duplicates.reason.${r}`)}</Tag>
                ))}
              </Space>
            </Space>
          </List.Item>
        )}
      />
    </>
  );
}
