import { useState } from "react";
import { InboxOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Progress, Radio, Select, Space, Typography, Upload } from "antd";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../lib/errors";
import { saveFile } from "../../../lib/files";
import { downloadErrors, downloadTemplate, FINISHED, importResult, useJob, useSubmitImport, type ImportMode, type JobRead } from "../api/imports";
import type { ImportResource } from "../resources";
import { ImportReport } from "./ImportReport";

type Props = { resources: readonly ImportResource[] };

/**
 * Import a file an official filled in: choose what it holds, download the template, upload, read the
 * check's report (every error by row and column, downloadable as the file with its bad cells
 * marked), then import, all or only the valid rows, and watch it run.
 */
export function ImportPage({ resources }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [resource, setResource] = useState(resources[0]?.key ?? "");
  const [file, setFile] = useState<File | null>(null);
  const [checkId, setCheckId] = useState<string | null>(null);
  const [applyId, setApplyId] = useState<string | null>(null);
  const [mode, setMode] = useState<ImportMode>("all");
  const [failure, setFailure] = useState<unknown>(null);
  const submit = useSubmitImport();
  const check = useJob(checkId);
  const applied = useJob(applyId);
  const checked = importResult(check.data);

  const start = async (dryRun: boolean) => {
    if (!file) return;
    setFailure(null);
    try {
      const job = await submit.mutateAsync({ file, resource, mode: dryRun ? "all" : mode, dryRun });
      if (dryRun) {
        setCheckId(job.id);
        setApplyId(null);
      } else setApplyId(job.id);
    } catch (err) {
      setFailure(err);
    }
  };
  const choose = (next: File | null) => {
    setFile(next);
    setCheckId(null);
    setApplyId(null);
    setFailure(null);
  };
  const template = async () => {
    try {
      saveFile(await downloadTemplate(resource), t("imports.templateFile", { resource }));
    } catch (err) {
      void message.error(errorMessage(t, err));
    }
  };
  const errorsFile = async (jobId: string) => {
    try {
      saveFile(await downloadErrors(jobId), t("imports.errorsFile", { name: file?.name.replace(/\.[^.]+$/, "") ?? resource }));
    } catch (err) {
      void message.error(errorMessage(t, err));
    }
  };

  if (resources.length === 0) return <Alert type="info" showIcon title={t("imports.nothingToImport")} />;
  const busy = submit.isPending || (checkId !== null && !done(check.data)) || (applyId !== null && !done(applied.data));
  return (
    <Space orientation="vertical" size="large" style={{ width: "100%" }}>
      <Card title={t("imports.step.file")}>
        <Space wrap style={{ marginBottom: 16 }}>
          <Select
            aria-label={t("imports.resource")}
            value={resource}
            style={{ minWidth: 320 }}
            onChange={(r) => {
              setResource(r);
              choose(null);
            }}
            options={resources.map((r) => ({ value: r.key, label: t(`imports.resources.${r.key}`) }))}
          />
          <Button onClick={() => void template()}>{t("imports.downloadTemplate")}</Button>
        </Space>
        <Upload.Dragger
          accept=".xlsx,.csv,.ndjson,.jsonl,.txt"
          maxCount={1}
          multiple={false}
          fileList={file ? [{ uid: "chosen", name: file.name, status: "done", size: file.size }] : []}
          beforeUpload={(f) => {
            choose(f);
            return false; // kept here until checked: nothing is sent before the officer asks
          }}
          onRemove={() => choose(null)}
          disabled={busy}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t("imports.drop")}</p>
          <p className="ant-upload-hint">{t("imports.formats")}</p>
        </Upload.Dragger>
        <Button type="primary" style={{ marginTop: 16 }} disabled={!file || busy} loading={submit.isPending && !checkId} onClick={() => void start(true)}>
          {t("imports.check")}
        </Button>
        {failure !== null && <Alert type="error" showIcon role="alert" style={{ marginTop: 16 }} title={errorMessage(t, failure)} />}
      </Card>

      {checkId && (
        <Card title={t("imports.step.check")}>
          <JobState job={check.data} error={check.error} />
          {checked && check.data?.state === "succeeded" && (
            <>
              <ImportReport result={checked} />
              <Space orientation="vertical" style={{ marginTop: 16 }}>
                {checked.error_total > 0 ? (
                  <>
                    <Alert type="warning" showIcon title={t("imports.hasErrors", { count: checked.error_total })} />
                    <Button onClick={() => void errorsFile(checkId)}>{t("imports.downloadErrors")}</Button>
                    <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as ImportMode)} aria-label={t("imports.mode")}>
                      <Space orientation="vertical">
                        <Radio value="all">{t("imports.modeAll")}</Radio>
                        <Radio value="valid" disabled={checked.rows === checked.failed}>
                          {t("imports.modeValid", { count: checked.rows - checked.failed })}
                        </Radio>
                      </Space>
                    </Radio.Group>
                  </>
                ) : (
                  <Alert type="success" showIcon title={t("imports.allGood", { count: checked.rows })} />
                )}
                <Button
                  type="primary"
                  disabled={busy || (checked.error_total > 0 && mode === "all")}
                  onClick={() => void start(false)}
                >
                  {t("imports.apply")}
                </Button>
              </Space>
            </>
          )}
        </Card>
      )}

      {applyId && (
        <Card title={t("imports.step.apply")}>
          <JobState job={applied.data} error={applied.error} />
          {applied.data?.state === "succeeded" && importResult(applied.data) && (
            <>
              <Alert
                type={importResult(applied.data)!.applied ? "success" : "warning"}
                showIcon
                role="status"
                style={{ marginBottom: 16 }}
                title={importResult(applied.data)!.applied ? t("imports.done") : t("imports.notApplied")}
              />
              <ImportReport result={importResult(applied.data)!} />
            </>
          )}
        </Card>
      )}
    </Space>
  );
}

function done(job: JobRead | undefined): boolean {
  return job !== undefined && FINISHED.has(job.state);
}

/** A job's progress while it runs; why it failed when it did. */
function JobState({ job, error }: { job: JobRead | undefined; error: unknown }) {
  const { t } = useTranslation();
  if (error && !job) return <Alert type="error" showIcon title={errorMessage(t, error)} />;
  if (!job) return <Progress percent={0} status="active" />;
  if (job.state === "failed")
    return (
      <Alert
        type="error"
        showIcon
        role="alert"
        title={t("imports.failed")}
        description={job.error ? `${job.error.message} (${job.error.code})` : undefined}
      />
    );
  if (done(job)) return null;
  const { done: rows, total } = job.progress;
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Typography.Text>{job.state === "queued" ? t("imports.queued") : t("imports.running", { done: rows, total: total ?? "…" })}</Typography.Text>
      <Progress percent={total ? Math.floor((100 * rows) / total) : 0} status="active" />
    </Space>
  );
}
