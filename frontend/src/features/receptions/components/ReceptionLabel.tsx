import "../i18n";
import { Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatDate } from "../../../lib/format";
import { useReception } from "../api/get-reception";

/** A session's day, host and place, linking to the sessions of that day. */
export function ReceptionLabel({ receptionId }: { receptionId: string }) {
  const { t } = useTranslation();
  const session = useReception(receptionId);
  const r = session.data?.reception;
  if (!r) return <Typography.Text type="secondary">{session.isPending ? "…" : receptionId.slice(0, 8)}</Typography.Text>;
  return (
    <Link to={`/receptions?unit=${r.unit_id}&from=${r.held_on}&to=${r.held_on}`}>
      {formatDate(r.held_on)} · {r.host_name} ({t(`receptions.hostRole.${r.host_role}`)}) · {r.place}
    </Link>
  );
}
