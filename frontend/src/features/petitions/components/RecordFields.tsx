import { Form, Radio, Select } from "antd";
import { useTranslation } from "react-i18next";
import { useCategories } from "../api/list-categories";

/** The category of a case, in the reader's language; inactive ones only when already chosen (`keep`). */
export function CategoryField({ keep }: { keep?: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? "vi";
  const categories = useCategories();
  return (
    <Form.Item name="category" label={t("petitions.form.category")} rules={[{ required: true, message: t("form.required") }]}>
      <Select
        loading={categories.isPending}
        options={(categories.data ?? [])
          .filter((c) => c.active || c.code === keep)
          .map((c) => ({ value: c.code, label: lng === "en" ? c.name_en : c.name_vi }))}
      />
    </Form.Item>
  );
}

/** Whether the case lies within the handler's authority: unknown, yes or no. */
export function AuthorityField() {
  const { t } = useTranslation();
  return (
    <Form.Item name="within_authority" label={t("petitions.form.withinAuthority")}>
      <Radio.Group
        options={[
          { value: "unknown", label: t("petitions.form.authority.unknown") },
          { value: "yes", label: t("petitions.form.authority.yes") },
          { value: "no", label: t("petitions.form.authority.no") },
        ]}
      />
    </Form.Item>
  );
}
