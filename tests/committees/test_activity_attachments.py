"""Files of a committee's activity over HTTP: uploaded, listed, downloaded and removed with the
limits and codes every resource's files share; types read from the content, nothing left in storage by
a refused upload or a removal; seen only inside the committee's jurisdiction, written by those who
record its activities (its own members included); every write audited without the name."""

import hashlib
import uuid

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from api.committees.activities.models import CommitteeActivityAttachment
from api.core.db import Database
from api.core.files import MULTIPART_ENVELOPE
from tests.committees.conftest import COMMITTEES, Commune, SignIn, create_commune
from tests.committees.test_activities import _committee, supervision
from tests.conftest import Backend, app_client
from tests.core.test_errors import assert_problem
from tests.factories import access_token, create_user
from tests.inspections.test_attachments import JPEG, PDF, _audit, stored_files, upload, uploaded


async def _activity(client: httpx.AsyncClient, commune: Commune) -> tuple[str, str]:
    """A supervision of the commune's committee: its url and the url of its files."""
    committee_id = await _committee(client, commune)
    created = await client.post(
        f"{COMMITTEES}/{committee_id}/activities", json=supervision(notice_sent_on="2026-08-26")
    )
    assert created.status_code == 201, created.text
    url = f"{COMMITTEES}/{committee_id}/activities/{created.json()['id']}"
    return url, f"{url}/attachments"


async def test_files_are_uploaded_listed_downloaded_and_removed(
    client: httpx.AsyncClient, session: AsyncSession, commune: Commune, backend: Backend
) -> None:
    activity_url, url = await _activity(client, commune)
    activity_etag = (await client.get(activity_url)).headers["etag"]
    minutes = await uploaded(client, url, filename="Biên bản giám sát xã Hòa An.pdf")
    assert (minutes["activity_id"], minutes["content_type"], minutes["size"]) == (
        activity_url.rsplit("/", 1)[1],
        "application/pdf",
        len(PDF),
    )
    assert minutes["sha256"] == hashlib.sha256(PDF).hexdigest()
    photo = await uploaded(client, url, JPEG, filename="bang-tin", content_type="image/jpeg")
    assert (photo["content_type"], photo["filename"]) == ("image/jpeg", "bang-tin.jpg")
    # A file is not part of the activity: the activity's ETag stays.
    assert (await client.get(activity_url)).headers["etag"] == activity_etag

    listed = await client.get(url)
    assert listed.status_code == 200, listed.text
    assert [a["id"] for a in listed.json()] == [minutes["id"], photo["id"]]
    r = await client.get(f"{url}/{minutes['id']}")
    assert r.status_code == 200, r.text
    assert (r.content, r.headers["content-type"], r.headers["etag"]) == (
        PDF,
        "application/pdf",
        f'"{minutes["sha256"]}"',
    )
    assert r.headers["content-disposition"].startswith(
        'attachment; filename="bien ban giam sat xa hoa an.pdf"'
    )
    row = await session.get(CommitteeActivityAttachment, uuid.UUID(minutes["id"]))
    assert row is not None
    path = backend.settings.data_dir / "attachments" / row.storage_key
    assert path.read_bytes() == PDF

    stale = await client.delete(f"{url}/{minutes['id']}", headers={"If-Match": '"v1"'})
    assert_problem(stale, 412, "precondition_failed")
    assert path.exists()
    removed = await client.delete(f"{url}/{minutes['id']}", headers={"If-Match": r.headers["etag"]})
    assert removed.status_code == 204, removed.text
    assert not path.exists()
    assert [a["id"] for a in (await client.get(url)).json()] == [photo["id"]]
    assert_problem(await client.get(f"{url}/{minutes['id']}"), 404, "attachment_not_found")
    assert await _audit(session, minutes["id"]) == [
        ("committee_activity_attachment.create", commune.unit.id),
        ("committee_activity_attachment.delete", commune.unit.id),
    ]


async def test_wrong_type_and_too_large_are_refused_and_leave_no_file(
    client: httpx.AsyncClient, backend: Backend, database: Database, session: AsyncSession, commune: Commune
) -> None:
    _, url = await _activity(client, commune)
    member = await create_user(session, roles=["committee_member"], unit_id=commune.unit.id)
    settings = backend.settings.model_copy(update={"attachment_max_bytes": 4096, "max_body_bytes": 2048})
    headers = {"Authorization": f"Bearer {access_token(settings, member)}"}
    async with app_client(settings, database, headers) as signed:
        before = stored_files(backend)
        text_as_pdf = await upload(signed, url, b"Khong phai PDF.\n", filename="ke-hoach.pdf")
        assert (
            "application/pdf" in assert_problem(text_as_pdf, 415, "unsupported_file_type")["accepted_types"]
        )
        assert_problem(
            await upload(signed, url, b"MZ\x90\x00\x03\x00", filename="x.exe"), 415, "unsupported_file_type"
        )
        assert_problem(await upload(signed, url, b""), 422, "empty_file")
        # Over the API's 2 KiB body limit, within the 4 KiB file limit: the path takes files.
        exact = PDF + b"%" * (4096 - len(PDF))
        over = assert_problem(await upload(signed, url, exact + b"%"), 413, "payload_too_large")
        assert over["max_bytes"] == 4096
        huge = exact + b"%" * (MULTIPART_ENVELOPE + 1)
        assert_problem(await upload(signed, url, huge), 413, "payload_too_large")
        assert (await signed.get(url)).json() == []
        assert stored_files(backend) == before
        assert (await upload(signed, url, exact)).status_code == 201
        assert len(stored_files(backend) - before) == 1


async def test_an_upload_is_idempotent(client: httpx.AsyncClient, commune: Commune) -> None:
    _, url = await _activity(client, commune)
    key = {"Idempotency-Key": str(uuid.uuid4())}
    first = await upload(client, url, headers=key)
    assert first.status_code == 201, first.text
    assert first.headers["location"] == f"{url}/{first.json()['id']}"
    again = await upload(client, url, headers=key)
    assert (again.status_code, again.headers["idempotent-replayed"]) == (201, "true")
    assert again.json()["id"] == first.json()["id"]
    other = await upload(client, url, JPEG, filename="x.jpg", content_type="image/jpeg", headers=key)
    assert_problem(other, 422, "idempotency_key_reused")
    assert len((await client.get(url)).json()) == 1


async def test_the_committees_members_attach_files_and_no_one_outside_sees_them(
    client: httpx.AsyncClient, signed_in: SignIn, session: AsyncSession, commune: Commune
) -> None:
    _, url = await _activity(client, commune)
    async with signed_in(commune.unit, roles=["committee_member"]) as member:
        doc = await uploaded(member, url, filename="Kế hoạch giám sát.pdf")
        assert doc["uploaded_by"] is not None
        assert [a["id"] for a in (await member.get(url)).json()] == [doc["id"]]
        assert (await member.get(f"{url}/{doc['id']}")).content == PDF
        kept = await uploaded(member, url, JPEG, filename="anh.jpg", content_type="image/jpeg")
        tag = {"If-Match": f'"{kept["sha256"]}"'}
        assert (await member.delete(f"{url}/{kept['id']}", headers=tag)).status_code == 204
    async with signed_in(commune.unit, roles=["viewer"]) as viewer:
        assert (await viewer.get(url)).status_code == 200
        assert_problem(await upload(viewer, url), 403, "permission_denied")
        tag = {"If-Match": f'"{doc["sha256"]}"'}
        assert_problem(await viewer.delete(f"{url}/{doc['id']}", headers=tag), 403, "permission_denied")

    # Another commune's principals, even its administrator and its committee's members: 404.
    other = await create_commune(session, 2, name="Xã Bình Long")
    for roles in (["admin"], ["committee_member"]):
        async with signed_in(other.unit, roles=roles) as stranger:
            assert_problem(await stranger.get(url), 404, "committee_not_found")
            assert_problem(await stranger.get(f"{url}/{doc['id']}"), 404, "committee_not_found")
            assert_problem(await upload(stranger, url), 404, "committee_not_found")
            tag = {"If-Match": f'"{doc["sha256"]}"'}
            assert_problem(
                await stranger.delete(f"{url}/{doc['id']}", headers=tag), 404, "committee_not_found"
            )
    assert [a["id"] for a in (await client.get(url)).json()] == [doc["id"]]


async def test_a_file_is_reached_only_through_its_own_activity(
    client: httpx.AsyncClient, commune: Commune
) -> None:
    activity_url, url = await _activity(client, commune)
    committee_url = activity_url.rsplit("/activities/", 1)[0]
    second = await client.post(f"{committee_url}/activities", json=supervision(title="Giám sát thứ hai"))
    assert second.status_code == 201, second.text
    other_url = f"{committee_url}/activities/{second.json()['id']}/attachments"
    doc = await uploaded(client, url)
    assert (await client.get(other_url)).json() == []
    assert_problem(await client.get(f"{other_url}/{doc['id']}"), 404, "attachment_not_found")
    tag = {"If-Match": f'"{doc["sha256"]}"'}
    assert_problem(await client.delete(f"{other_url}/{doc['id']}", headers=tag), 404, "attachment_not_found")
    unknown = f"{committee_url}/activities/{uuid.uuid4()}/attachments"
    assert_problem(await client.get(unknown), 404, "activity_not_found")
    assert_problem(await upload(client, unknown), 404, "activity_not_found")
