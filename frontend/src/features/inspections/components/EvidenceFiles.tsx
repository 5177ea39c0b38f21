import { AttachedFiles, FilesToggle } from "../../../components/files/AttachedFiles";
import { useDeleteAttachment } from "../api/delete-attachment";
import { downloadAttachment } from "../api/download-attachment";
import { useAttachments, type FilesOwner } from "../api/list-attachments";
import { useUploadAttachment } from "../api/upload-attachment";

type Props = {
  owner: FilesOwner;
  /** Files may be attached and removed now (the organiser while the team collects; the owner while it reports). */
  canWrite: boolean;
};

/**
 * The files of a finding (its evidence) or of a progress report, behind a toggle: a page with many
 * findings asks for no list until one is opened. Open: list, download and, for whoever may, upload
 * and removal.
 */
export function EvidenceFiles({ owner, canWrite }: Props) {
  return <FilesToggle>{() => <FilesList owner={owner} canWrite={canWrite} />}</FilesToggle>;
}

function FilesList({ owner, canWrite }: Props) {
  const files = useAttachments(owner);
  const upload = useUploadAttachment(owner);
  const remove = useDeleteAttachment(owner);
  const source = {
    files,
    upload: upload.mutateAsync,
    uploading: upload.isPending,
    remove: remove.mutateAsync,
    download: (a: { id: string }) => downloadAttachment(owner, a.id),
  };
  return <AttachedFiles source={source} canWrite={canWrite} />;
}
