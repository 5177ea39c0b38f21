"""The legal day follows Vietnam's midnight, read from the clock once per day."""

import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest

from api.core import clock


@pytest.fixture
def real_clock() -> Iterator[None]:
    pinned = clock._pinned_day
    clock.pin(None)
    yield
    clock.pin(pinned)


def test_today_is_vietnams_date_until_its_midnight(real_clock: None, monkeypatch: pytest.MonkeyPatch) -> None:
    # 23:59:30 on 29 November in Hanoi is 16:59:30 UTC.
    before = datetime(2026, 11, 29, 23, 59, 30, tzinfo=clock.VIETNAM)
    monkeypatch.setattr(clock, "_current", (date.min, 0.0))
    monkeypatch.setattr(time, "time", lambda: before.timestamp())
    monkeypatch.setattr(clock, "datetime", _FrozenDatetime(before))
    assert clock.today() == date(2026, 11, 29)
    # Thirty seconds later the day has changed, without any other call in between.
    after = before + timedelta(seconds=30)
    monkeypatch.setattr(time, "time", lambda: after.timestamp())
    monkeypatch.setattr(clock, "datetime", _FrozenDatetime(after))
    assert clock.today() == date(2026, 11, 30)


class _FrozenDatetime:
    """`datetime` whose `now` answers one instant (in the zone asked)."""

    def __init__(self, instant: datetime) -> None:
        self.instant = instant

    def now(self, tz: object = None) -> datetime:
        return self.instant.astimezone(tz)  # type: ignore[arg-type]

    def combine(self, *args: object) -> datetime:
        return datetime.combine(*args)  # type: ignore[arg-type]

    @property
    def min(self) -> datetime:
        return datetime.min
