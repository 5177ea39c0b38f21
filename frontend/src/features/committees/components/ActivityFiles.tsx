import { AttachedFiles, FilesToggle } from "../../../components/files/AttachedFiles";
import { downloadActivityFile, useActivityFiles, useDeleteActivityFile, useUploadActivityFile, type ActivityRef } from "../api/activity-files";

type Props = { activity: ActivityRef; canWrite: boolean };

/**
 * An activity's files (its plan as sent, the minutes, the findings' evidence) behind a toggle, so
 * the activities' table asks for no file list until one is opened; a writer uploads and removes.
 */
export function ActivityFiles({ activity, canWrite }: Props) {
  return <FilesToggle>{() => <FilesList activity={activity} canWrite={canWrite} />}</FilesToggle>;
}

function FilesList({ activity, canWrite }: Props) {
  const files = useActivityFiles(activity);
  const upload = useUploadActivityFile(activity);
  const remove = useDeleteActivityFile(activity);
  const source = {
    files,
    upload: upload.mutateAsync,
    uploading: upload.isPending,
    remove: remove.mutateAsync,
    download: (a: { id: string }) => downloadActivityFile(activity, a.id),
  };
  return <AttachedFiles source={source} canWrite={canWrite} />;
}
