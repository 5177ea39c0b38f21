"""Files of a case: detected types, limits, confidential files hidden and their reads audited,
jurisdiction, removal with the stored bytes, and the verification packet that names nobody."""

import hashlib
import io
import json
import struct
import uuid
import zipfile
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.core import filetypes
from api.core.access import Principal
from api.core.audit import AuditEvent
from api.core.db import Database
from api.core.files import Upload
from api.core.permissions import Permission
from api.core.storage import LocalStorage, StorageKeyError, new_key
from api.core.unit_of_work import Deferred
from api.petitions.attachments import endpoints as attachment_routes
from api.petitions.attachments import service as attachments
from api.petitions.models import Attachment
from api.petitions.packet.masking import Masker
from api.petitions.packet.schemas import VerificationPacket
from api.petitions.repository import PetitionRepository
from api.units.models import Unit
from tests.conftest import Backend, app_client
from tests.factories import access_token, create_user
from tests.petitions.conftest import move, receive

PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
TIFF = b"II*\x00\x08\x00\x00\x00\x00\x00"


def png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )


def office(main_type: str, *extra: str) -> bytes:
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'content-types"><Override PartName="/main.xml" ContentType="{main_type}"/></Types>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", manifest)
        z.writestr("main.xml", "<document/>")
        for name in extra:
            z.writestr(name, b"\x00")
    return buffer.getvalue()


DOCX = office("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")
XLSX = office("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")
DOCM = office("application/vnd.ms-word.document.macroEnabled.main+xml", "word/vbaProject.bin")
DOCX_WITH_MACROS = office(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", "word/vbaProject.bin"
)


async def upload(
    client: httpx.AsyncClient,
    petition_id: str,
    data: bytes,
    filename: str = "don.pdf",
    content_type: str = "application/pdf",
    confidential: bool | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    form = {} if confidential is None else {"confidential": "true" if confidential else "false"}
    return await client.post(
        f"/api/v1/petitions/{petition_id}/attachments",
        files={"file": (filename, data, content_type)},
        data=form,
        headers=headers,
    )


async def uploaded(client: httpx.AsyncClient, petition_id: str, data: bytes, **kwargs: Any) -> dict[str, Any]:
    r = await upload(client, petition_id, data, **kwargs)
    assert r.status_code == 201, r.text
    return dict(r.json())


def assert_problem(r: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert body["code"] == code, body
    return dict(body)


SignIn = Callable[..., Awaitable[httpx.AsyncClient]]


@pytest.fixture
async def sign_in(backend: Backend, database: Database, session: AsyncSession) -> AsyncIterator[SignIn]:
    """A client for a new user of `unit` (the user's fields as keywords)."""
    async with AsyncExitStack() as stack:

        async def make(unit: Unit, **user: Any) -> httpx.AsyncClient:
            person = await create_user(session, unit_id=unit.id, **user)
            headers = {"Authorization": f"Bearer {access_token(backend.settings, person)}"}
            return await stack.enter_async_context(app_client(backend.settings, database, headers))

        yield make


def stored(backend: Backend) -> LocalStorage:
    return LocalStorage(backend.settings.data_dir / "attachments")


async def key_of(session: AsyncSession, attachment_id: str) -> str:
    row = await session.get(Attachment, uuid.UUID(attachment_id))
    assert row is not None
    return row.storage_key


# Uploading and downloading -----------------------------------------------------------------


async def test_upload_pdf_and_png_then_list_and_download(
    officer_client: httpx.AsyncClient, tree: dict[str, Unit], backend: Backend, session: AsyncSession
) -> None:
    case = await receive(officer_client, tree["province"])
    pdf = await uploaded(officer_client, case["id"], PDF, filename="Quyết định 12/QĐ-UBND.pdf")
    assert pdf["content_type"] == "application/pdf"
    assert pdf["size"] == len(PDF)
    assert pdf["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert pdf["uploaded_by"] == "officer-cb"
    assert pdf["confidential"] is False
    # The client's path is a label's last component, never a path of ours.
    assert pdf["filename"] == "QĐ-UBND.pdf"
    image = await uploaded(officer_client, case["id"], png(), filename="ảnh chụp", content_type="image/png")
    assert (image["content_type"], image["filename"]) == ("image/png", "ảnh chụp.png")

    listed = await officer_client.get(f"/api/v1/petitions/{case['id']}/attachments")
    assert listed.status_code == 200, listed.text
    assert [a["id"] for a in listed.json()] == [pdf["id"], image["id"]]

    r = await officer_client.get(f"/api/v1/petitions/{case['id']}/attachments/{pdf['id']}")
    assert r.status_code == 200, r.text
    assert r.content == PDF
    assert r.headers["content-type"] == "application/pdf"
    assert r.headers["etag"] == f'"{pdf["sha256"]}"'
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["content-disposition"] == (
        "attachment; filename=\"qd-ubnd.pdf\"; filename*=UTF-8''Q%C4%90-UBND.pdf"
    )
    key = await key_of(session, pdf["id"])
    assert (backend.settings.data_dir / "attachments" / key).read_bytes() == PDF

    events = (await officer_client.get(f"/api/v1/petitions/{case['id']}/events")).json()
    attach = [e for e in events if e["action"] == "attach"]
    assert attach[0]["data"] == {
        "attachment_id": pdf["id"],
        "content_type": "application/pdf",
        "size": len(PDF),
        "confidential": False,
    }
    assert "QĐ-UBND" not in json.dumps(events, ensure_ascii=False)


async def test_vietnamese_name_in_content_disposition(
    officer_client: httpx.AsyncClient, tree: dict[str, Unit]
) -> None:
    case = await receive(officer_client, tree["province"])
    doc = await uploaded(officer_client, case["id"], PDF, filename="Biên bản đối thoại.pdf")
    r = await officer_client.get(f"/api/v1/petitions/{case['id']}/attachments/{doc['id']}")
    assert r.headers["content-disposition"] == (
        'attachment; filename="bien ban doi thoai.pdf"; '
        "filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n%20%C4%91%E1%BB%91i%20tho%E1%BA%A1i.pdf"
    )


@pytest.mark.parametrize(
    ("data", "filename", "declared", "detected"),
    [
        (JPEG, "scan.jpg", "image/jpeg", "image/jpeg"),
        (TIFF, "scan.tiff", "image/tiff", "image/tiff"),
        (DOCX, "to-trinh.docx", "application/octet-stream", filetypes.DOCX.content_type),
        (XLSX, "bang-ke.xlsx", "application/vnd.ms-excel", filetypes.XLSX.content_type),
        ("Ghi chú: đã nhận đơn.\n".encode(), "ghi-chu.txt", "text/plain", "text/plain; charset=utf-8"),
    ],
)
async def test_accepted_types_are_detected(
    officer_client: httpx.AsyncClient,
    tree: dict[str, Unit],
    data: bytes,
    filename: str,
    declared: str,
    detected: str,
) -> None:
    case = await receive(officer_client, tree["province"])
    body = await uploaded(officer_client, case["id"], data, filename=filename, content_type=declared)
    assert body["content_type"] == detected
    assert body["filename"] == filename


@pytest.mark.parametrize(
    ("data", "filename", "declared"),
    [
        # Text renamed to .pdf: the browser then declares application/pdf too.
        (b"Day la don to cao, khong phai PDF.\n", "don.pdf", "application/pdf"),
        (png(), "scan.pdf", "application/octet-stream"),
        (PDF, "scan.png", "image/png"),
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff", "setup.exe", "application/octet-stream"),
        (b"\x00\x01\x02\x03 binary", "data.bin", "application/octet-stream"),
        (DOCM, "macro.docm", "application/vnd.ms-word.document.macroEnabled.12"),
        (DOCX_WITH_MACROS, "to-trinh.docx", "application/octet-stream"),
        (b"PK\x03\x04 not really a zip", "x.docx", "application/octet-stream"),
    ],
)
async def test_content_type_is_detected_not_trusted(
    officer_client: httpx.AsyncClient, tree: dict[str, Unit], data: bytes, filename: str, declared: str
) -> None:
    case = await receive(officer_client, tree["province"])
    r = await upload(officer_client, case["id"], data, filename=filename, content_type=declared)
    body = assert_problem(r, 415, "unsupported_file_type")
    assert "application/pdf" in body["accepted_types"]
    listed = await officer_client.get(f"/api/v1/petitions/{case['id']}/attachments")
    assert listed.json() == []


async def test_empty_file_is_refused(officer_client: httpx.AsyncClient, tree: dict[str, Unit]) -> None:
    case = await receive(officer_client, tree["province"])
    assert_problem(await upload(officer_client, case["id"], b""), 422, "empty_file")


async def test_size_limit_is_the_attachment_setting_not_the_body_limit(
    backend: Backend, database: Database, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    officer = await create_user(
        session, username="officer-small", roles=["officer"], unit_id=tree["province"].id
    )
    settings = backend.settings.model_copy(update={"attachment_max_bytes": 4096, "max_body_bytes": 2048})
    headers = {"Authorization": f"Bearer {access_token(settings, officer)}"}
    async with app_client(settings, database, headers) as client:
        case = await receive(client, tree["province"])
        # Over the API's 2 KiB body limit, within the 4 KiB attachment limit.
        exact = PDF + b"%" * (4096 - len(PDF))
        assert (await upload(client, case["id"], exact)).status_code == 201
        over = assert_problem(await upload(client, case["id"], exact + b"%"), 413, "payload_too_large")
        assert over["max_bytes"] == 4096
        # Far over: refused by the body limit before the form is even read.
        huge = exact + b"%" * (attachment_routes.MULTIPART_ENVELOPE + 1)
        assert_problem(await upload(client, case["id"], huge), 413, "payload_too_large")
        # Every other route keeps the small limit.
        big_json = await client.post("/api/v1/petitions", json={"content": "x" * 4000})
        assert_problem(big_json, 413, "payload_too_large")
        listed = await client.get(f"/api/v1/petitions/{case['id']}/attachments")
        assert len(listed.json()) == 1


async def test_an_upload_is_idempotent(officer_client: httpx.AsyncClient, tree: dict[str, Unit]) -> None:
    case = await receive(officer_client, tree["province"])
    key = {"Idempotency-Key": str(uuid.uuid4())}
    first = await upload(officer_client, case["id"], PDF, headers=key)
    assert first.status_code == 201, first.text
    # httpx draws a new multipart boundary for the retry: the same form, other bytes.
    again = await upload(officer_client, case["id"], PDF, headers=key)
    assert again.status_code == 201, again.text
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json()["id"] == first.json()["id"]
    other = await upload(
        officer_client, case["id"], png(), filename="x.png", content_type="image/png", headers=key
    )
    assert_problem(other, 422, "idempotency_key_reused")
    assert len((await officer_client.get(f"/api/v1/petitions/{case['id']}/attachments")).json()) == 1


# Confidential files --------------------------------------------------------------------------


async def test_confidential_file_is_hidden_without_the_grant_and_audited_with_it(
    officer_client: httpx.AsyncClient,
    inspector_client: httpx.AsyncClient,
    tree: dict[str, Unit],
    session: AsyncSession,
) -> None:
    case = await receive(officer_client, tree["province"], kind="denunciation", category="officials_conduct")
    public = await uploaded(officer_client, case["id"], PDF, filename="bien-ban.pdf")
    # The receiving officer scans the denouncer's identity card without being able to read it back.
    secret = await uploaded(
        officer_client,
        case["id"],
        JPEG,
        filename="CCCD Trần Thị Bí Mật.jpg",
        content_type="image/jpeg",
        confidential=True,
    )
    assert secret["confidential"] is True
    base = f"/api/v1/petitions/{case['id']}/attachments"

    listed = await officer_client.get(base)
    assert [a["id"] for a in listed.json()] == [public["id"]]
    assert_problem(await officer_client.get(f"{base}/{secret['id']}"), 404, "attachment_not_found")
    assert_problem(await officer_client.delete(f"{base}/{secret['id']}"), 404, "attachment_not_found")
    events = (await officer_client.get(f"/api/v1/petitions/{case['id']}/events")).text
    assert secret["id"] not in events
    assert "Bí Mật" not in events

    seen = await inspector_client.get(base)
    assert [a["id"] for a in seen.json()] == [public["id"], secret["id"]]
    r = await inspector_client.get(f"{base}/{secret['id']}")
    assert r.status_code == 200, r.text
    assert r.content == JPEG
    assert r.headers["cache-control"] == "no-store"

    rows = list(
        await session.scalars(
            select(AuditEvent).where(AuditEvent.actor_name == "inspector-cb").order_by(AuditEvent.id)
        )
    )
    assert [(e.action, e.resource_id) for e in rows] == [
        ("petition.confidential_attachments_listed", case["id"]),
        ("petition_attachment.confidential_read", secret["id"]),
    ]
    assert rows[1].unit_id == tree["province"].id
    assert rows[1].changes["after"]["sha256"] == secret["sha256"]
    # The officer's listing showed nothing confidential and left no such record.
    officer_reads = await session.scalars(
        select(AuditEvent.action).where(
            AuditEvent.actor_name == "officer-cb", AuditEvent.action.like("%confidential%")
        )
    )
    assert list(officer_reads) == []
    # The upload itself is audited without the file's name.
    created = await session.scalar(
        select(AuditEvent).where(
            AuditEvent.action == "petition_attachment.create", AuditEvent.resource_id == secret["id"]
        )
    )
    assert created is not None
    assert created.changes["after"]["filename"] == "[redacted]"


async def test_public_file_reads_are_not_audited_as_confidential(
    inspector_client: httpx.AsyncClient, tree: dict[str, Unit], session: AsyncSession
) -> None:
    case = await receive(inspector_client, tree["province"])
    doc = await uploaded(inspector_client, case["id"], PDF)
    assert (await inspector_client.get(f"/api/v1/petitions/{case['id']}/attachments")).status_code == 200
    assert (
        await inspector_client.get(f"/api/v1/petitions/{case['id']}/attachments/{doc['id']}")
    ).status_code == 200
    reads = await session.scalars(select(AuditEvent.action).where(AuditEvent.action.like("%confidential%")))
    assert list(reads) == []


# Jurisdiction -------------------------------------------------------------------------------


async def test_another_province_sees_nothing(
    sign_in: SignIn, officer_client: httpx.AsyncClient, tree: dict[str, Unit]
) -> None:
    case = await receive(officer_client, tree["province"])
    doc = await uploaded(officer_client, case["id"], PDF)
    stranger = await sign_in(
        tree["other"],
        username="inspector-ls",
        roles=["officer"],
        grants=["petitions:confidential"],
    )
    base = f"/api/v1/petitions/{case['id']}"
    assert_problem(await stranger.get(f"{base}/attachments"), 404, "petition_not_found")
    assert_problem(await stranger.get(f"{base}/attachments/{doc['id']}"), 404, "petition_not_found")
    assert_problem(await stranger.delete(f"{base}/attachments/{doc['id']}"), 404, "petition_not_found")
    assert_problem(await upload(stranger, case["id"], PDF), 404, "petition_not_found")
    assert_problem(await stranger.get(f"{base}/verification-packet"), 404, "petition_not_found")
    # A missing upload does not reveal more than a full one.
    bare = await stranger.post(f"{base}/attachments")
    assert_problem(bare, 404, "petition_not_found")


async def test_only_the_handling_unit_changes_files(
    sign_in: SignIn, officer_client: httpx.AsyncClient, tree: dict[str, Unit]
) -> None:
    # Received by the commune, handled by the province: the commune sees it but cannot change it.
    case = await receive(officer_client, tree["commune"], handling_unit_id=str(tree["province"].id))
    doc = await uploaded(officer_client, case["id"], PDF)
    commune = await sign_in(tree["commune"], username="officer-ha", roles=["officer"])
    base = f"/api/v1/petitions/{case['id']}/attachments"
    assert (await commune.get(base)).status_code == 200
    assert (await commune.get(f"{base}/{doc['id']}")).status_code == 200
    assert_problem(await upload(commune, case["id"], PDF), 403, "not_handling_unit")
    assert_problem(await commune.delete(f"{base}/{doc['id']}"), 403, "not_handling_unit")
    viewer = await sign_in(tree["province"], username="viewer-cb", roles=["viewer"])
    assert (await viewer.get(base)).status_code == 200
    assert_problem(await upload(viewer, case["id"], PDF), 403, "permission_denied")


async def test_a_damaged_file_is_not_sent(
    officer_client: httpx.AsyncClient, tree: dict[str, Unit], backend: Backend, session: AsyncSession
) -> None:
    case = await receive(officer_client, tree["province"])
    doc = await uploaded(officer_client, case["id"], PDF)
    path = backend.settings.data_dir / "attachments" / await key_of(session, doc["id"])
    path.write_bytes(PDF.replace(b"Catalog", b"Katalog"))
    r = await officer_client.get(f"/api/v1/petitions/{case['id']}/attachments/{doc['id']}")
    body = assert_problem(r, 500, "attachment_corrupted")
    assert "Katalog" not in r.text
    assert body["request_id"]


async def test_a_file_of_another_case_is_not_found(
    officer_client: httpx.AsyncClient, tree: dict[str, Unit]
) -> None:
    one = await receive(officer_client, tree["province"])
    two = await receive(officer_client, tree["province"], subject="Kiến nghị sửa đường")
    doc = await uploaded(officer_client, one["id"], PDF)
    r = await officer_client.get(f"/api/v1/petitions/{two['id']}/attachments/{doc['id']}")
    assert_problem(r, 404, "attachment_not_found")


# Removing -----------------------------------------------------------------------------------


async def test_delete_removes_the_row_then_the_file(
    officer_client: httpx.AsyncClient, tree: dict[str, Unit], backend: Backend, session: AsyncSession
) -> None:
    case = await receive(officer_client, tree["province"])
    doc = await uploaded(officer_client, case["id"], PDF)
    key = await key_of(session, doc["id"])
    storage = stored(backend)
    assert await storage.exists(key)
    base = f"/api/v1/petitions/{case['id']}/attachments"
    tag = (await officer_client.get(f"{base}/{doc['id']}")).headers["ETag"]
    stale = await officer_client.delete(f"{base}/{doc['id']}", headers={"If-Match": '"v1"'})
    assert_problem(stale, 412, "precondition_failed")
    assert stale.json()["current_etag"] == tag
    r = await officer_client.delete(f"{base}/{doc['id']}", headers={"If-Match": tag})
    assert r.status_code == 204, r.text
    assert not await storage.exists(key)
    assert (await officer_client.get(base)).json() == []
    assert_problem(await officer_client.get(f"{base}/{doc['id']}"), 404, "attachment_not_found")
    assert_problem(await officer_client.delete(f"{base}/{doc['id']}"), 404, "attachment_not_found")
    events = (await officer_client.get(f"/api/v1/petitions/{case['id']}/events")).json()
    assert [e["data"]["attachment_id"] for e in events if e["action"] == "detach"] == [doc["id"]]
    deleted = await session.scalar(
        select(AuditEvent).where(
            AuditEvent.action == "petition_attachment.delete", AuditEvent.resource_id == doc["id"]
        )
    )
    assert deleted is not None


WRITER = Principal("user", uuid.uuid4(), "officer-cb", None, None, frozenset({Permission.PETITIONS_WRITE}))


async def test_a_file_stored_for_an_upload_that_rolled_back_is_removed(
    officer_client: httpx.AsyncClient, tree: dict[str, Unit], backend: Backend, database: Database
) -> None:
    case = await receive(officer_client, tree["province"])
    storage = stored(backend)
    deferred: list[Deferred] = []
    async with database.session_factory(write=True)() as own:
        petition = await PetitionRepository(own, WRITER).get_for_update(uuid.UUID(case["id"]))
        made = await attachments.attach(
            own,
            WRITER,
            storage,
            deferred.append,
            petition,
            Upload(data=PDF, filename="a.pdf", declared_type="application/pdf", max_bytes=4096),
            confidential=False,
        )
        assert await storage.exists(made.storage_key)
        await own.rollback()
    for work in deferred:
        await work()
    assert not await storage.exists(made.storage_key)


async def test_a_file_is_kept_when_its_deletion_rolled_back(
    officer_client: httpx.AsyncClient,
    tree: dict[str, Unit],
    backend: Backend,
    database: Database,
    session: AsyncSession,
) -> None:
    case = await receive(officer_client, tree["province"])
    doc = await uploaded(officer_client, case["id"], PDF)
    key = await key_of(session, doc["id"])
    storage = stored(backend)
    deferred: list[Deferred] = []
    async with database.session_factory(write=True)() as own:
        petition = await PetitionRepository(own, WRITER).get_for_update(uuid.UUID(case["id"]))
        await attachments.detach(own, WRITER, storage, deferred.append, petition, uuid.UUID(doc["id"]))
        await own.rollback()
    for work in deferred:
        await work()
    assert await storage.exists(key)
    assert await key_of(session, doc["id"]) == key


# The verification packet --------------------------------------------------------------------

DENOUNCER = {
    "full_name": "Trần Thị Bí Mật",
    "identity_number": "012345678901",
    "phone": "0912345678",
    "address": "Tổ 7, phường Thục Phán",
}


async def test_verification_packet_of_a_denunciation_names_nobody(
    inspector_client: httpx.AsyncClient, tree: dict[str, Unit]
) -> None:
    case = await receive(
        inspector_client,
        tree["province"],
        kind="denunciation",
        category="officials_conduct",
        subject="Tố cáo cán bộ địa chính (đơn của Trần Thị Bí Mật)",
        content="Tôi là TRẦN THỊ BÍ MẬT, CCCD 012345678901, điện thoại 0912 345 678, ở Tổ 7, phường Thục Phán. "
        "Tôi tố cáo cán bộ địa chính xã nhận tiền khi cấp giấy chứng nhận. Bà tran thi bi mat ký tên.",
        petitioners=[DENOUNCER],
    )
    accepted = await move(
        inspector_client,
        case["id"],
        "accept",
        decision_number="15/TB-UBND",
        note="Đã báo cho bà Trần Thị Bí Mật.",
    )
    assert accepted.status_code == 200, accepted.text
    public = await uploaded(inspector_client, case["id"], PDF, filename="Đơn của Trần-Thị-Bí-Mật.pdf")
    secret = await uploaded(
        inspector_client, case["id"], JPEG, filename="cccd.jpg", content_type="image/jpeg", confidential=True
    )

    r = await inspector_client.get(f"/api/v1/petitions/{case['id']}/verification-packet")
    assert r.status_code == 200, r.text
    text = r.text
    packet = r.json()
    for leak in (
        "Bí Mật",
        "BÍ MẬT",
        "bi mat",
        "Bí-Mật",
        "012345678901",
        "0912 345",
        "0912345678",
        "Tổ 7",
        "inspector-cb",
    ):
        assert leak not in text, leak
    assert secret["id"] not in text
    assert packet["case"]["content"].startswith(
        "Tôi là [***], CCCD [***], điện thoại [***], ở [***]. Tôi tố cáo"
    )
    assert packet["case"]["content"].endswith("Bà [***] ký tên.")
    assert packet["case"]["subject"] == "Tố cáo cán bộ địa chính (đơn của [***])"
    assert [a["id"] for a in packet["attachments"]] == [public["id"]]
    assert packet["attachments"][0]["filename"] == "Đơn của [***].pdf"
    accept = next(e for e in packet["events"] if e["action"] == "accept")
    assert accept["data"] == {"decision_number": "15/TB-UBND", "note": "Đã báo cho bà [***]."}
    assert packet["case"]["status"] == "accepted"
    assert packet["deadlines"]


async def test_verification_packet_omits_every_petitioner(
    officer_client: httpx.AsyncClient, tree: dict[str, Unit]
) -> None:
    case = await receive(officer_client, tree["province"])
    r = await officer_client.get(f"/api/v1/petitions/{case['id']}/verification-packet")
    assert r.status_code == 200, r.text
    assert "Nguyễn Văn An" not in r.text
    assert "004090001234" not in r.text
    assert r.json()["case"]["reference"] == case["reference"]


def test_the_packet_schema_has_no_field_for_a_person() -> None:
    def properties(schema: dict[str, Any]) -> set[str]:
        names: set[str] = set()
        for definition in [schema, *schema.get("$defs", {}).values()]:
            names |= set(definition.get("properties", {}))
        return names

    fields = properties(VerificationPacket.model_json_schema())
    person = {"full_name", "address", "identity_number", "phone", "email", "petitioners", "denouncers"}
    people = {"uploaded_by", "actor_name", "actor_id", "is_representative", "confidential"}
    assert not fields & (person | people)


# Pure parts -------------------------------------------------------------------------------


def test_masker_matches_names_with_or_without_marks_and_grouped_numbers() -> None:
    mask = Masker(["Trần Thị Bí Mật", "012345678901", "0912345678", "an@example.vn", "Mật"])
    assert (
        mask.text("Bà Trần Thị Bí Mật, bà tran thi bi mat, TRẦN  THỊ BÍ MẬT.") == "Bà [***], bà [***], [***]."
    )
    assert mask.text("CCCD 0123 4567 8901, ĐT 0912.345.678") == "CCCD [***], ĐT [***]"
    assert mask.text("Thư: an@example.vn") == "Thư: [***]"
    # Only whole words, and too short a secret masks nothing ("Mật" is also a common word).
    assert mask.text("Trần Thị Bí Mậtxyz; bí mật nhà nước") == "Trần Thị Bí Mậtxyz; bí mật nhà nước"
    assert mask.value({"a": ["Trần Thị Bí Mật", 3]}) == {"a": ["[***]", 3]}


def test_filenames_are_labels_never_paths() -> None:
    assert filetypes.clean_filename("../../etc/passwd") == "passwd"
    assert filetypes.clean_filename("C:\\Users\\An\\Đơn.pdf") == "Đơn.pdf"
    assert filetypes.clean_filename("don\u202efdp.exe") == "donfdp.exe"
    assert filetypes.clean_filename("...") == "attachment"
    assert filetypes.clean_filename(None) == "attachment"
    long = filetypes.clean_filename("a" * 300 + ".pdf")
    assert len(long) == 200
    assert long.endswith(".pdf")
    assert filetypes.with_extension("scan.JPEG", filetypes.JPEG) == "scan.JPEG"
    assert filetypes.with_extension("bang.csv", filetypes.TEXT) == "bang.csv.txt"


async def test_local_storage_is_atomic_and_refuses_foreign_keys(tmp_path: Any) -> None:
    storage = LocalStorage(tmp_path)
    key = new_key()
    await storage.put(key, b"abc")
    assert await storage.read(key) == b"abc"
    assert (tmp_path / key).stat().st_mode & 0o777 == 0o600
    assert not [p for p in (tmp_path / key).parent.iterdir() if p.name.startswith(".upload-")]
    with pytest.raises(FileExistsError):
        await storage.put(key, b"other")
    for bad in ("../secret_key", "/etc/passwd", "ab/../../x", "AB/" + "0" * 32):
        with pytest.raises(StorageKeyError):
            await storage.read(bad)
    await storage.delete(key)
    await storage.delete(key)
    assert not await storage.exists(key)
