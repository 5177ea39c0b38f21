"""The service's one clock: the legal day ("today" in Vietnam) and the current instant.

Legal days are counted in Asia/Ho_Chi_Minh whatever the server's own zone. The day can be pinned
(`QCDC_TODAY`, applied by `create_app` and the CLI; the tests pin it for the whole run), so that
everything that compares a date with today (deadline states, "not in the future" checks, demo data,
compliance slots) answers the same on any day of the week. Instants (`now`) stay real: tokens,
throttling windows and audit timestamps must follow real time.
"""

import time
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")

_pinned_day: date | None = None
# Today in Vietnam and the POSIX time its next midnight falls: a page of cases asks for today
# twice per case (days left, deadline state), and a clock read in a time zone costs more than a
# comparison with `time.time()`.
_current: tuple[date, float] = (date.min, 0.0)


def pin(day: date | None) -> None:
    """Make `today()` answer `day` (None: follow the real clock again)."""
    global _pinned_day
    _pinned_day = day


def today() -> date:
    """The legal day: the pinned day, else today's date in Vietnam."""
    if _pinned_day is not None:
        return _pinned_day
    global _current
    if time.time() >= _current[1]:
        day = datetime.now(VIETNAM).date()
        midnight = datetime.combine(day + timedelta(days=1), datetime.min.time(), VIETNAM)
        _current = (day, midnight.timestamp())
    return _current[0]


def now() -> datetime:
    """The current instant, timezone-aware UTC."""
    return datetime.now(UTC)
