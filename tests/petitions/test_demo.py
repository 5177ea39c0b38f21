"""The demo cases load through the service layer on top of the demo units and receptions, cover
every kind and the states the screens show, and a second load adds nothing."""

from collections import Counter
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from api import demo
from api.calendar.working_days import load_calendar
from api.core import clock
from api.core import settings as settings_module
from api.petitions import demo as petitions_demo
from api.petitions.deadlines import AT_RISK_DAYS
from api.petitions.models import Petition, Petitioner, PetitionEvent, PetitionKind, PetitionLink
from api.units import official
from api.units.demo import DEMO_SOURCE
from tests.conftest import SECRET, Backend


async def _demo_cases(session: AsyncSession) -> list[Petition]:
    rows = await session.scalars(
        select(Petition)
        .where(Petition.external_source == DEMO_SOURCE)
        .options(selectinload(Petition.petitioners))
        .execution_options(populate_existing=True)
    )
    return list(rows)


async def test_demo_cases_load_cover_the_workflows_and_load_once(
    backend: Backend, session: AsyncSession, client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    await official.load(session, "2025", "04")
    # The first start reads the secret key from the settings, as `qcdc serve` does.
    monkeypatch.setattr(settings_module, "get_settings", lambda: backend.settings)
    counts = await demo.load(session)
    assert counts["petitions"] == len(petitions_demo.CASES)

    cases = await _demo_cases(session)
    assert {c.kind for c in cases} == set(PetitionKind)
    statuses = Counter(c.status.value for c in cases)
    for status in (
        "received",
        "accepted",
        "verifying",
        "dialogue",
        "decided",
        "effective",
        "appealed",
        "forwarded",
        "not_accepted",
        "withdrawn",
        "suspended",
        "sued",
        "concluded",
        "closed",
    ):
        assert statuses[status], f"no demo case is {status}: {statuses}"
    denunciations = [c for c in cases if c.kind == PetitionKind.DENUNCIATION]
    assert {1, 2} <= {c.extension_count for c in denunciations}
    assert any(c.instance == 2 for c in cases)
    group = next(c for c in cases if c.head_count > 1 and c.kind == PetitionKind.COMPLAINT)
    assert [p.is_representative for p in group.petitioners] == [True, False, False]
    assert any(c.reception_id is not None for c in cases)
    assert await session.scalar(select(func.count()).select_from(PetitionLink)) == 3
    # Denouncers never become petitioners.
    assert not any(c.petitioners for c in denunciations)
    # Every act was recorded as an event, dated no later than the next.
    events = await session.scalar(
        select(func.count())
        .select_from(PetitionEvent)
        .where(PetitionEvent.petition_id.in_([c.id for c in cases]))
    )
    assert events is not None and events > 2 * len(cases)

    # A case can be at risk only if a limit can end within the window: some working day lies in
    # it (not so in the Tết days off, when every limit ends after them).
    today = clock.today()
    calendar = await load_calendar(session, today, today + timedelta(days=AT_RISK_DAYS))
    window = [today + timedelta(days=n) for n in range(AT_RISK_DAYS + 1)]
    states = ["overdue", "on_track"] + (["at_risk"] if any(map(calendar.is_working_day, window)) else [])
    for state in states:
        r = await client.get("/api/v1/petitions", params={"deadline_state": state, "limit": 100})
        assert r.status_code == 200, r.text
        assert r.json()["items"], f"no demo case is {state}"
    found = await client.get("/api/v1/petitions", params={"q": "ban chang"})
    assert found.status_code == 200 and found.json()["items"]

    assert await demo.is_loaded(session)
    assert await petitions_demo.load(session, SECRET) == 0
    assert len(await _demo_cases(session)) == len(cases)
    assert await session.scalar(select(func.count()).select_from(Petitioner)) == sum(
        len(c.petitioners) for c in cases
    )
