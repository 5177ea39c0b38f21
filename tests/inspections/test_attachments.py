"""Files of a finding's evidence and of a recommendation's progress reports over HTTP: uploaded,
listed, downloaded and removed with the petitions' limits and codes; types read from the content,
nothing left in storage by a refused upload or a removal; a finding's files seen only by those who
see the finding, a report's changed only by its owner; every write audited without the name."""

import hashlib
import uuid
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.core.audit import AuditEvent
from api.core.db import Database
from api.core.files import MULTIPART_ENVELOPE
from api.inspections.models import (
    InspectionFindingAttachment,
    InspectionRecommendation,
    InspectionReportAttachment,
    InspectionTeam,
)
from api.inspections.workflows import Action
from api.units.models import Unit
from tests.conftest import Backend, app_client
from tests.core.test_errors import assert_problem
from tests.factories import access_token, conclude_team, create_recommendation, create_team, create_user
from tests.inspections.conftest import RECOMMENDATIONS, TEAMS, SignIn
from tests.inspections.test_findings import _collecting, _finding, _moved
from tests.inspections.test_recommendations import _move

PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


async def upload(
    client: httpx.AsyncClient,
    url: str,
    data: bytes = PDF,
    filename: str = "bien-ban.pdf",
    content_type: str = "application/pdf",
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    return await client.post(url, files={"file": (filename, data, content_type)}, headers=headers)


async def uploaded(client: httpx.AsyncClient, url: str, data: bytes = PDF, **kwargs: Any) -> dict[str, Any]:
    r = await upload(client, url, data, **kwargs)
    assert r.status_code == 201, r.text
    return dict(r.json())


def stored_files(backend: Backend) -> set[Path]:
    root = backend.settings.data_dir / "attachments"
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


async def _with_finding(
    client: httpx.AsyncClient, session: AsyncSession, organiser: Unit, targets: list[Unit]
) -> tuple[InspectionTeam, list[str]]:
    """A team collecting findings, with one finding per target (recorded by `client`)."""
    team = await _collecting(session, organiser, targets)
    ids = []
    for target in team.targets:
        r = await client.post(f"{TEAMS}/{team.id}/findings", json=_finding(target.id))
        assert r.status_code == 201, r.text
        ids.append(r.json()["id"])
    return team, ids


def evidence_url(team: InspectionTeam, finding_id: str) -> str:
    return f"{TEAMS}/{team.id}/findings/{finding_id}/attachments"


async def _audit(session: AsyncSession, resource_id: str) -> list[tuple[str, uuid.UUID | None]]:
    rows = await session.scalars(
        select(AuditEvent).where(AuditEvent.resource_id == resource_id).order_by(AuditEvent.id)
    )
    return [(e.action, e.unit_id) for e in rows]


# A finding's evidence ------------------------------------------------------------------------


async def test_evidence_is_uploaded_listed_downloaded_and_removed(
    client: httpx.AsyncClient, session: AsyncSession, tree: dict[str, Unit], backend: Backend
) -> None:
    team, (finding_id,) = await _with_finding(client, session, tree["commune"], [tree["village_a"]])
    url = evidence_url(team, finding_id)
    team_etag = (await client.get(f"{TEAMS}/{team.id}")).headers["etag"]
    pdf = await uploaded(client, url, filename="Biên bản kiểm tra Nà Cạn.pdf")
    assert (pdf["finding_id"], pdf["content_type"], pdf["size"]) == (finding_id, "application/pdf", len(PDF))
    assert pdf["sha256"] == hashlib.sha256(PDF).hexdigest()
    image = await uploaded(client, url, JPEG, filename="bang-tin", content_type="image/jpeg")
    assert (image["content_type"], image["filename"]) == ("image/jpeg", "bang-tin.jpg")
    # A file is not part of the team: the team's ETag stays.
    assert (await client.get(f"{TEAMS}/{team.id}")).headers["etag"] == team_etag

    listed = await client.get(url)
    assert listed.status_code == 200, listed.text
    assert [a["id"] for a in listed.json()] == [pdf["id"], image["id"]]
    r = await client.get(f"{url}/{pdf['id']}")
    assert r.status_code == 200, r.text
    assert (r.content, r.headers["content-type"]) == (PDF, "application/pdf")
    assert r.headers["etag"] == f'"{pdf["sha256"]}"'
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["content-disposition"].startswith('attachment; filename="bien ban kiem tra na can.pdf"')
    row = await session.get(InspectionFindingAttachment, uuid.UUID(pdf["id"]))
    assert row is not None
    path = backend.settings.data_dir / "attachments" / row.storage_key
    assert path.read_bytes() == PDF

    stale = await client.delete(f"{url}/{pdf['id']}", headers={"If-Match": '"v1"'})
    assert_problem(stale, 412, "precondition_failed")
    removed = await client.delete(f"{url}/{pdf['id']}", headers={"If-Match": r.headers["etag"]})
    assert removed.status_code == 204, removed.text
    assert not path.exists()
    assert [a["id"] for a in (await client.get(url)).json()] == [image["id"]]
    assert_problem(await client.get(f"{url}/{pdf['id']}"), 404, "attachment_not_found")

    village = tree["village_a"].id
    assert await _audit(session, pdf["id"]) == [
        ("inspection_finding_attachment.create", village),
        ("inspection_finding_attachment.delete", village),
    ]
    created = await session.scalar(
        select(AuditEvent).where(
            AuditEvent.action == "inspection_finding_attachment.create", AuditEvent.resource_id == pdf["id"]
        )
    )
    assert created is not None and created.changes["after"]["filename"] == "[redacted]"


async def test_wrong_type_and_too_large_are_refused_and_leave_no_file(
    client: httpx.AsyncClient,
    backend: Backend,
    database: Database,
    session: AsyncSession,
    tree: dict[str, Unit],
) -> None:
    organiser = await create_user(session, roles=["steering_committee"], unit_id=tree["province"].id)
    owner = await create_user(session, roles=["officer"], unit_id=tree["commune"].id)
    team, (finding_id,) = await _with_finding(client, session, tree["province"], [tree["commune"]])
    concluded = await conclude_team(session, await create_team(session, tree["province"], [tree["commune"]]))
    recommendation = await create_recommendation(session, concluded, tree["commune"])
    settings = backend.settings.model_copy(update={"attachment_max_bytes": 4096, "max_body_bytes": 2048})

    def signed(user: Any) -> dict[str, str]:
        return {"Authorization": f"Bearer {access_token(settings, user)}"}

    async with (
        app_client(settings, database, signed(organiser)) as org,
        app_client(settings, database, signed(owner)) as own,
    ):
        report = await own.post(
            f"{RECOMMENDATIONS}/{recommendation.id}/reports", json={"text": "Đã niêm yết"}
        )
        assert report.status_code == 201, report.text
        for signed_client, url in (
            (org, evidence_url(team, finding_id)),
            (own, f"{RECOMMENDATIONS}/{recommendation.id}/reports/{report.json()['id']}/attachments"),
        ):
            before = stored_files(backend)
            text_as_pdf = await upload(signed_client, url, b"Khong phai PDF.\n", filename="don.pdf")
            assert (
                "application/pdf"
                in assert_problem(text_as_pdf, 415, "unsupported_file_type")["accepted_types"]
            )
            assert_problem(
                await upload(signed_client, url, b"MZ\x90\x00\x03\x00", filename="x.exe"),
                415,
                "unsupported_file_type",
            )
            assert_problem(await upload(signed_client, url, b""), 422, "empty_file")
            # Over the API's 2 KiB body limit, within the 4 KiB file limit: the path takes files.
            exact = PDF + b"%" * (4096 - len(PDF))
            over = assert_problem(await upload(signed_client, url, exact + b"%"), 413, "payload_too_large")
            assert over["max_bytes"] == 4096
            huge = exact + b"%" * (MULTIPART_ENVELOPE + 1)
            assert_problem(await upload(signed_client, url, huge), 413, "payload_too_large")
            assert (await signed_client.get(url)).json() == []
            assert stored_files(backend) == before
            assert (await upload(signed_client, url, exact)).status_code == 201
            assert len(stored_files(backend) - before) == 1


async def test_an_upload_is_idempotent(
    client: httpx.AsyncClient, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    team, (finding_id,) = await _with_finding(client, session, tree["commune"], [tree["village_a"]])
    url = evidence_url(team, finding_id)
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


async def test_a_visited_unit_sees_only_its_own_findings_files(
    client: httpx.AsyncClient, signed_in: SignIn, session: AsyncSession, tree: dict[str, Unit]
) -> None:
    team, (ward_finding, village_finding) = await _with_finding(
        client, session, tree["province"], [tree["ward"], tree["village_a"]]
    )
    own = await uploaded(client, evidence_url(team, ward_finding))
    theirs = await uploaded(client, evidence_url(team, village_finding))
    async with signed_in(tree["province"]) as province:
        assert len((await province.get(evidence_url(team, village_finding))).json()) == 1
        second = await uploaded(province, evidence_url(team, ward_finding))
    async with signed_in(tree["ward"]) as ward:
        url = evidence_url(team, ward_finding)
        assert [a["id"] for a in (await ward.get(url)).json()] == [own["id"], second["id"]]
        assert (await ward.get(f"{url}/{own['id']}")).content == PDF
        other = evidence_url(team, village_finding)
        assert_problem(await ward.get(other), 404, "finding_not_found")
        assert_problem(await ward.get(f"{other}/{theirs['id']}"), 404, "finding_not_found")
        # The ward's own finding does not lend its path to another finding's file.
        assert_problem(await ward.get(f"{url}/{theirs['id']}"), 404, "attachment_not_found")
        # A visited unit reads its findings; only the organiser changes them.
        assert_problem(await upload(ward, url), 403, "not_organiser")
        tag = {"If-Match": f'"{own["sha256"]}"'}
        assert_problem(await ward.delete(f"{url}/{own['id']}", headers=tag), 403, "not_organiser")
    async with signed_in(tree["other"]) as stranger:
        assert_problem(await stranger.get(evidence_url(team, ward_finding)), 404, "team_not_found")
        assert_problem(await upload(stranger, evidence_url(team, ward_finding)), 404, "team_not_found")
    async with signed_in(tree["province"], roles=["viewer"]) as viewer:
        assert (await viewer.get(evidence_url(team, ward_finding))).status_code == 200
        assert_problem(await upload(viewer, evidence_url(team, ward_finding)), 403, "permission_denied")


async def test_evidence_changes_while_the_team_collects_and_goes_with_its_finding(
    client: httpx.AsyncClient, session: AsyncSession, tree: dict[str, Unit], backend: Backend
) -> None:
    team, (finding_id, other_id) = await _with_finding(
        client, session, tree["commune"], [tree["village_a"], tree["village_b"]]
    )
    doc = await uploaded(client, evidence_url(team, finding_id))
    kept = await uploaded(client, evidence_url(team, other_id))
    row = await session.get(InspectionFindingAttachment, uuid.UUID(doc["id"]))
    assert row is not None
    path = backend.settings.data_dir / "attachments" / row.storage_key
    tag = (await client.get(f"{TEAMS}/{team.id}")).headers["etag"]
    removed = await client.delete(f"{TEAMS}/{team.id}/findings/{finding_id}", headers={"If-Match": tag})
    assert removed.status_code == 204, removed.text
    assert not path.exists()
    assert [a for a, _ in await _audit(session, doc["id"])] == [
        "inspection_finding_attachment.create",
        "inspection_finding_attachment.delete",
    ]
    assert len((await client.get(evidence_url(team, other_id))).json()) == 1

    await _moved(session, team, Action.REPORT, Action.CONCLUDE)
    refused = await upload(client, evidence_url(team, other_id))
    assert_problem(refused, 409, "team_not_collecting")
    deleted = await client.delete(
        f"{evidence_url(team, other_id)}/{kept['id']}", headers={"If-Match": f'"{kept["sha256"]}"'}
    )
    assert_problem(deleted, 409, "team_not_collecting")
    # Still read after the conclusion.
    assert (await client.get(f"{evidence_url(team, other_id)}/{kept['id']}")).content == PDF


async def test_a_target_removed_takes_its_findings_files_with_it(
    client: httpx.AsyncClient, session: AsyncSession, tree: dict[str, Unit], backend: Backend
) -> None:
    team, (kept_finding, gone_finding) = await _with_finding(
        client, session, tree["commune"], [tree["village_a"], tree["village_b"]]
    )
    kept = await uploaded(client, evidence_url(team, kept_finding))
    gone = await uploaded(client, evidence_url(team, gone_finding))
    row = await session.get(InspectionFindingAttachment, uuid.UUID(gone["id"]))
    assert row is not None
    path = backend.settings.data_dir / "attachments" / row.storage_key
    updated = await client.patch(f"{TEAMS}/{team.id}", json={"target_unit_ids": [str(tree["village_a"].id)]})
    assert updated.status_code == 200, updated.text
    assert not path.exists()
    assert await _audit(session, gone["id"]) == [
        ("inspection_finding_attachment.create", tree["village_b"].id),
        ("inspection_finding_attachment.delete", tree["village_b"].id),
    ]
    assert [a["id"] for a in (await client.get(evidence_url(team, kept_finding))).json()] == [kept["id"]]


async def test_a_damaged_file_is_not_sent(
    client: httpx.AsyncClient, session: AsyncSession, tree: dict[str, Unit], backend: Backend
) -> None:
    team, (finding_id,) = await _with_finding(client, session, tree["commune"], [tree["village_a"]])
    doc = await uploaded(client, evidence_url(team, finding_id))
    row = await session.get(InspectionFindingAttachment, uuid.UUID(doc["id"]))
    assert row is not None
    (backend.settings.data_dir / "attachments" / row.storage_key).write_bytes(
        PDF.replace(b"Catalog", b"Katalog")
    )
    r = await client.get(f"{evidence_url(team, finding_id)}/{doc['id']}")
    assert_problem(r, 500, "attachment_corrupted")
    assert "Katalog" not in r.text


# A progress report's files --------------------------------------------------------------------


async def _reported(
    signed_in: SignIn, session: AsyncSession, tree: dict[str, Unit]
) -> tuple[InspectionRecommendation, str]:
    """A recommendation of a province's team to the commune, with a progress report the commune filed."""
    team = await conclude_team(session, await create_team(session, tree["province"], [tree["commune"]]))
    recommendation = await create_recommendation(session, team, tree["commune"])
    async with signed_in(tree["commune"], roles=["officer"]) as owner:
        url = f"{RECOMMENDATIONS}/{recommendation.id}/reports"
        filed = await owner.post(url, json={"text": "Đã niêm yết tại trụ sở UBND xã"})
        assert filed.status_code == 201, filed.text
    return recommendation, f"{url}/{filed.json()['id']}/attachments"


async def test_the_owner_attaches_files_to_its_progress_report(
    signed_in: SignIn, session: AsyncSession, tree: dict[str, Unit], backend: Backend
) -> None:
    recommendation, url = await _reported(signed_in, session, tree)
    report_id = url.split("/")[-2]
    async with signed_in(tree["commune"], roles=["officer"]) as owner:
        doc = await uploaded(owner, url, filename="Ảnh niêm yết.jpg", data=JPEG, content_type="image/jpeg")
        assert (doc["report_id"], doc["content_type"]) == (report_id, "image/jpeg")
        assert [a["id"] for a in (await owner.get(url)).json()] == [doc["id"]]
        assert_problem(await owner.get(f"{url}/{uuid.uuid4()}"), 404, "attachment_not_found")
        unknown = f"{RECOMMENDATIONS}/{recommendation.id}/reports/{uuid.uuid4()}/attachments"
        assert_problem(await upload(owner, unknown), 404, "report_not_found")
    async with signed_in(tree["province"]) as organiser:
        assert [a["id"] for a in (await organiser.get(url)).json()] == [doc["id"]]
        r = await organiser.get(f"{url}/{doc['id']}")
        assert (r.status_code, r.content, r.headers["etag"]) == (200, JPEG, f'"{doc["sha256"]}"')
        # The organiser verifies what the owner reports; it does not report for it.
        assert_problem(await upload(organiser, url), 403, "not_owner")
        tag = {"If-Match": r.headers["etag"]}
        assert_problem(await organiser.delete(f"{url}/{doc['id']}", headers=tag), 403, "not_owner")
    async with signed_in(tree["ward"]) as sibling:
        assert_problem(await sibling.get(url), 404, "recommendation_not_found")
        assert_problem(await upload(sibling, url), 404, "recommendation_not_found")
    async with signed_in(tree["commune"], roles=["viewer"]) as viewer:
        assert (await viewer.get(url)).status_code == 200
        assert_problem(await upload(viewer, url), 403, "permission_denied")

    async with signed_in(tree["commune"], roles=["officer"]) as owner:
        row = await session.get(InspectionReportAttachment, uuid.UUID(doc["id"]))
        assert row is not None
        path = backend.settings.data_dir / "attachments" / row.storage_key
        removed = await owner.delete(f"{url}/{doc['id']}", headers={"If-Match": f'"{doc["sha256"]}"'})
        assert removed.status_code == 204, removed.text
        assert not path.exists()
        assert (await owner.get(url)).json() == []
        commune = tree["commune"].id
        assert await _audit(session, doc["id"]) == [
            ("inspection_report_attachment.create", commune),
            ("inspection_report_attachment.delete", commune),
        ]
        kept = await uploaded(owner, url)
        await _move(session, recommendation, tree["commune"], "start", "report_done")
        assert_problem(await upload(owner, url), 409, "recommendation_not_in_progress")
        assert (await owner.get(f"{url}/{kept['id']}")).content == PDF
