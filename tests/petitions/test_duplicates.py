"""Duplicate suggestions of a case (`GET /petitions/{id}/duplicate-suggestions`): what they cost
(one statement, whatever the unit's history; none at all in the create) and what they find (the
same person, nearly the same words, recent, in the jurisdiction)."""

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import event

from api.petitions import duplicates
from api.units.models import Unit
from tests.conftest import Backend
from tests.petitions.conftest import receive, suggestions

PERSON = {"full_name": "Nguyễn Văn An", "identity_number": "004090001234"}


class Statements:
    """Statements the app runs on the test's engine, and those run while suggesting duplicates."""

    def __init__(self) -> None:
        self.all: list[str] = []
        self.suggesting: list[str] | None = None
        self.suggested: list[str] = []
        self.calls = 0

    def record(self, _c: Any, _cursor: Any, sql: str, *_: Any) -> None:
        self.all.append(sql)
        if self.suggesting is not None:
            self.suggesting.append(sql)

    def wrap(self, suggest: Callable[..., Any]) -> Callable[..., Any]:
        async def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            self.suggesting = []
            try:
                return await suggest(*args, **kwargs)
            finally:
                self.suggested, self.suggesting = self.suggesting, None

        return counted


async def _counted(
    client: httpx.AsyncClient, backend: Backend, unit: Unit, monkeypatch: pytest.MonkeyPatch, **overrides: Any
) -> tuple[list[dict[str, Any]], Statements, Statements]:
    """A case created, then its suggestions asked for: the statements of each, and the suggestions."""
    created, asked = Statements(), Statements()
    suggest = duplicates.suggest
    try:
        monkeypatch.setattr(duplicates, "suggest", created.wrap(suggest))
        event.listen(backend.engine.sync_engine, "before_cursor_execute", created.record)
        try:
            case = await receive(client, unit, **overrides)
        finally:
            event.remove(backend.engine.sync_engine, "before_cursor_execute", created.record)
        monkeypatch.setattr(duplicates, "suggest", asked.wrap(suggest))
        event.listen(backend.engine.sync_engine, "before_cursor_execute", asked.record)
        try:
            found = await suggestions(client, case)
        finally:
            event.remove(backend.engine.sync_engine, "before_cursor_execute", asked.record)
    finally:
        monkeypatch.undo()
    return found, created, asked


async def test_suggestions_take_one_statement_whatever_the_history_and_none_in_the_create(
    inspector_client: httpx.AsyncClient,
    tree: dict[str, Unit],
    backend: Backend,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """STYLE.md 13: the suggestions are one statement, which never reads the cases' content, and
    cost the same number of statements with a short history as with a longer one; a create runs
    none of it. The principal may know who denounced, so the statement also looks among
    denouncers."""
    ward = tree["ward"]
    await receive(inspector_client, ward, received_on="2026-03-02", petitioners=[PERSON])
    first, created_few, few = await _counted(
        inspector_client, backend, ward, monkeypatch, received_on="2026-03-10", petitioners=[PERSON]
    )
    for day in range(11, 17):
        await receive(
            inspector_client,
            ward,
            received_on=f"2026-03-{day}",
            subject=f"Phản ánh số {day}",
            content=f"Nội dung phản ánh khác số {day}.",
            petitioners=[PERSON] if day % 2 else [],
        )
    await receive(inspector_client, ward, kind="denunciation", received_on="2026-03-17", petitioners=[PERSON])
    second, created_many, many = await _counted(
        inspector_client, backend, ward, monkeypatch, received_on="2026-03-20", petitioners=[PERSON]
    )
    assert first and len(second) == 5
    assert created_few.calls == created_many.calls == 0
    assert not any("similarity" in sql for sql in created_many.all + created_few.all)
    assert len(few.suggested) == 1, few.suggested
    assert len(many.suggested) == 1, many.suggested
    assert "content" not in many.suggested[0]
    assert len(many.all) == len(few.all), many.all
    assert len(created_many.all) == len(created_few.all), created_many.all


async def test_suggestions_are_recent_visible_and_most_likely_first(
    client: httpx.AsyncClient, officer_client: httpx.AsyncClient, tree: dict[str, Unit]
) -> None:
    """The same person and the same words first, then the same words, then the same person; a case
    older than 90 days, or outside the jurisdiction, is never suggested."""
    ward = tree["ward"]
    stranger = {"full_name": "Lê Văn Khách", "identity_number": "031099000111"}
    too_old = await receive(client, ward, received_on="2025-12-01", petitioners=[PERSON])
    elsewhere = await receive(client, tree["other_commune"], received_on="2026-03-01", petitioners=[PERSON])
    words_only = await receive(client, ward, received_on="2026-03-02", petitioners=[stranger])
    person_only = await receive(
        client,
        tree["commune"],
        received_on="2026-03-03",
        subject="Đề nghị hỗ trợ hộ nghèo",
        content="Đề nghị xem xét hỗ trợ hộ nghèo cho gia đình.",
        category="social_policy",
        petitioners=[PERSON],
    )
    both = await receive(client, ward, received_on="2026-03-04", petitioners=[PERSON])
    new = await receive(officer_client, ward, received_on="2026-03-05", petitioners=[PERSON])
    found = await suggestions(officer_client, new)
    suggested = [(s["id"], s["reasons"]) for s in found]
    assert suggested == [
        (both["id"], ["same_identity_number", "similar_content"]),
        (words_only["id"], ["similar_content"]),
        (person_only["id"], ["same_identity_number"]),
    ]
    assert too_old["id"] not in suggested and elsewhere["id"] not in suggested
    first = found[0]
    assert first["reference"] == both["reference"] and first["subject"] == both["subject"]
    assert first["received_on"] == "2026-03-04" and first["status"] == "received"
    assert 0.5 <= first["similarity"] <= 1


async def test_words_are_compared_with_the_units_newest_cases_only(
    client: httpx.AsyncClient, tree: dict[str, Unit], monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a create reads is bounded by the unit's newest cases, not its history: beyond them the
    same words are not found, the same person still is."""
    monkeypatch.setattr(duplicates, "PER_UNIT", 2)
    ward = tree["ward"]
    older = await receive(client, ward, received_on="2026-03-02", petitioners=[PERSON])
    hidden = await receive(client, ward, received_on="2026-03-03", petitioners=[])
    newest = [await receive(client, ward, received_on=f"2026-03-0{day}", petitioners=[]) for day in (4, 5)]
    new = await receive(client, ward, received_on="2026-03-06", petitioners=[PERSON])
    suggested = {s["id"]: s["reasons"] for s in await suggestions(client, new)}
    assert suggested == {
        **{n["id"]: ["similar_content"] for n in newest},
        older["id"]: ["same_identity_number", "similar_content"],
    }
    assert hidden["id"] not in suggested
