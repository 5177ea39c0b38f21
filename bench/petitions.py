"""A million petitions for the benchmark: seeded, realistic, consistent, and loaded with COPY.

Cases are spread over the 2025 communes by a heavy-tailed weight (wards and the big cities
receive more), received from 1 January 2024 up to today, 45% petitions and reflections, 40%
complaints, 15% denunciations. Each case is walked through its kind's workflow with the shipped
time limits counted on the shipped calendar, so statuses, decision and closing dates, instance,
extensions and due dates agree with each other and with what the app would have computed; a
share of cases stall along the way, and the older of those are what the overdue lists show.
Petitioners are written for every case but denunciations (whose denouncers are confidential),
and time limits for the open cases. Reception sessions (about 18 per commune) come first, and
cases received at one carry its date and id.

The load drops the tables' secondary indexes and foreign keys, COPYs the rows in chunks while the
next chunk is generated in a thread, then recreates them from their own definitions (so a new
migration's index is rebuilt too) and runs ANALYZE. The generator is seeded: the same day gives
the same data.
"""

import asyncio
import bisect
import hmac
import itertools
import math
import random
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from functools import cache
from hashlib import sha256
from typing import Any

import asyncpg  # type: ignore[import-untyped]

from api.calendar.models import DayBasis, DayKind
from api.calendar.working_days import WorkingCalendar, count
from api.petitions.models import Channel, Outcome, PetitionKind, Stage, Status
from api.petitions.rules import BODY_STAGES, most_specific
from api.petitions.service import SEARCHED_CONTENT, search_text
from api.petitions.workflows import TERMINAL
from bench import petition_text as words
from bench.petition_text import folded
from bench.seed import UPLAND_PROVINCES, driver_url

SEED = 20260701
START = date(2024, 1, 1)
CHUNK = 50_000
SOURCE = "qcdc-bench"
K, S, St = PetitionKind, Stage, Status
SUSPENDED = Status.SUSPENDED

# fmt: off
PETITION_COLUMNS = (
    "id", "reference", "reference_year", "reference_seq", "kind", "channel", "received_on",
    "receiving_unit_id", "handling_unit_id", "subject", "content", "category_code", "within_authority",
    "remote_area", "complex", "head_count", "anonymous", "status", "suspended_from", "suspended_on",
    "instance", "outcome", "decision_number", "decision_date", "extension_count", "due_on", "due_sort",
    "settled_on", "settled_on_time", "closed_on", "contested_decision_known_on", "filed_out_of_time",
    "reception_id", "search_text", "external_source", "external_id", "version", "created_at", "updated_at",
)
PETITIONER_COLUMNS = (
    "id", "petition_id", "full_name", "address", "identity_number", "phone", "email", "is_representative",
    "position", "identity_digest",
)
DEADLINE_COLUMNS = (
    "id", "petition_id", "stage", "instance", "started_on", "due_on", "ended_on", "days", "extended_days",
    "paused_days", "day_basis", "legal_basis", "rule_id",
)
RECEPTION_COLUMNS = (
    "id", "unit_id", "held_on", "kind", "mode", "place", "host_name", "host_role", "citizens_received",
    "cases_received", "notes", "search_text", "external_source", "external_id", "version", "created_at",
    "updated_at",
)
# fmt: on
KINDS = ((K.REFLECTION, 0.25), (K.PETITION, 0.45), (K.COMPLAINT, 0.85), (K.DENUNCIATION, 1.0))
CHANNELS = (
    (Channel.RECEPTION, 0.25),
    (Channel.MAIL, 0.55),
    (Channel.ONLINE_PORTAL, 0.75),
    (Channel.ONE_STOP, 0.90),
    (Channel.FORWARDED, 0.97),
    (Channel.OTHER, 1.0),
)
BIG_CITIES = {"01": 1.6, "79": 1.6, "31": 1.2, "48": 1.2, "92": 1.2, "46": 1.1}
ONLINE_RECEPTIONS_FROM = date(2026, 7, 1)


def _cumulative(weights: dict[str, int]) -> tuple[tuple[str, float], ...]:
    total, edge, out = sum(weights.values()), 0, []
    for value, weight in weights.items():
        edge += weight
        out.append((value, edge / total))
    return tuple(out)


CATEGORIES = {kind: _cumulative(weights) for kind, weights in words.CATEGORY_WEIGHTS.items()}


@dataclass(frozen=True)
class Commune:
    id: uuid.UUID
    code: str
    name: str
    province_id: uuid.UUID
    province_code: str
    weight: float
    villages: tuple[str, ...]
    neighbours: tuple[int, ...] = ()


@dataclass(frozen=True)
class Rule:
    id: uuid.UUID
    kind: PetitionKind
    stage: Stage
    remote_area: bool | None
    complex: bool | None
    days: int
    day_basis: DayBasis
    legal_basis: str
    valid_from: date
    valid_to: date | None


@dataclass
class Stats:
    petitions: int = 0
    petitioners: int = 0
    deadlines: int = 0
    receptions: int = 0
    open: int = 0
    overdue: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


class Clock:
    __slots__ = ("days", "due", "ended", "extended", "instance", "paused", "rule", "stage", "started")

    def __init__(self, stage: Stage, instance: int, started: date, rule: Rule) -> None:
        self.stage, self.instance, self.started, self.rule = stage, instance, started, rule
        self.days, self.extended, self.paused = rule.days, 0, 0
        self.ended: date | None = None
        self.due = started


class Case:
    """One case's state as its workflow moves it (a compact mirror of api/petitions/transitions.py)."""

    __slots__ = (
        "clocks",
        "closed_on",
        "complex",
        "decision_date",
        "decision_number",
        "extension_count",
        "handling",
        "instance",
        "kind",
        "last_on",
        "outcome",
        "remote",
        "settled_on",
        "settled_on_time",
        "status",
        "suspended_from",
        "suspended_on",
        "within_authority",
    )  # fmt: skip

    def __init__(
        self, kind: PetitionKind, remote: bool, complex_: bool, handling: uuid.UUID, on: date
    ) -> None:
        self.kind, self.remote, self.complex, self.handling = kind, remote, complex_, handling
        self.status, self.instance = St.RECEIVED, 1
        self.within_authority: bool | None = None
        self.outcome: Outcome | None = None
        self.decision_number: str | None = None
        self.decision_date: date | None = None
        self.extension_count = 0
        self.settled_on: date | None = None
        self.settled_on_time: bool | None = None
        self.closed_on: date | None = None
        self.suspended_from: Status | None = None
        self.suspended_on: date | None = None
        self.clocks: list[Clock] = []
        self.last_on = on

    def running(self, *stages: Stage) -> list[Clock]:
        return [c for c in self.clocks if c.ended is None and (not stages or c.stage in stages)]

    def end(self, on: date, *stages: Stage) -> None:
        for c in self.running(*stages):
            c.ended = on

    def due_on(self) -> date | None:
        if self.status in TERMINAL or self.status == SUSPENDED:
            return None
        dues = [c.due for c in self.running() if c.stage in BODY_STAGES]
        return min(dues) if dues else None


class Generator:
    def __init__(
        self,
        communes: list[Commune],
        rules: list[Rule],
        calendar: WorkingCalendar,
        sessions: dict[int, list[tuple[date, uuid.UUID]]],
        identity_key: str,
        today: date,
        total: int,
    ) -> None:
        self.rng = random.Random(SEED)
        self.span = (today - START).days
        # Slightly more cases lately.
        self.days = sorted(int(self.span * self.rng.random() ** 0.85) for _ in range(total))
        self.position = 0
        self.communes = communes
        self.cumulative = list(itertools.accumulate(c.weight for c in communes))
        self.rules = rules
        self.calendar = calendar
        self.sessions = sessions
        self.key = identity_key.encode()
        self.today = today
        self.counters: dict[tuple[int, int], int] = {}
        self.regulars: dict[str, list[tuple[str, str, str, str]]] = {}
        self.stats = Stats()
        self.middles = {category: self._middles(category, 3000) for category in words.OBJECTS}

    def between(self, low: int, high: int) -> int:
        """`randint`, three times cheaper: the generator calls it a few dozen times per case."""
        return low + int(self.rng.random() * (high - low + 1))

    # Rules and time limits ------------------------------------------------------------------

    @cache  # noqa: B019 - one generator per load; the cache dies with it
    def rule(self, kind: PetitionKind, stage: Stage, on: date, remote: bool, complex_: bool) -> Rule | None:
        """The most specific rule in force, chosen as the app chooses it."""
        return most_specific(self.rules, kind, stage, on, remote_area=remote, complex_=complex_)

    @cache  # noqa: B019
    def count(self, start: date, days: int, basis: DayBasis) -> date:
        return count(self.calendar, start, days, basis)

    def limit(self, case: Case, stage: Stage, start: date) -> date | None:
        rule = self.rule(case.kind, stage, start, case.remote, case.complex)
        return None if rule is None else self.count(start, rule.days, rule.day_basis)

    def open_clock(self, case: Case, stage: Stage, start: date) -> Clock | None:
        rule = self.rule(case.kind, stage, start, case.remote, case.complex)
        if rule is None:
            return None
        clock = Clock(stage, case.instance, start, rule)
        clock.due = self.count(start, rule.days, rule.day_basis)
        case.clocks.append(clock)
        return clock

    def recount(self, clock: Clock) -> None:
        start = clock.started + timedelta(days=clock.paused)
        clock.due = self.count(start, clock.days + clock.extended, clock.rule.day_basis)

    # One case --------------------------------------------------------------------------------

    def _received(self) -> date:
        # Cases come in date order, as a real table fills; hardly any on a weekend.
        day = START + timedelta(days=self.days[self.position])
        self.position += 1
        if day.weekday() >= 5 and self.rng.random() < 0.9:
            day -= timedelta(days=day.weekday() - 4)
        return day

    def _stalls(self, received: date) -> int | None:
        """After how many acts a case stops moving (None: it goes on until today)."""
        age = (self.today - received).days
        if self.rng.random() < 0.3 * math.exp(-age / 400):
            return self.between(0, 4)
        return None

    def simulate(self, case: Case, received: date, commune: Commune) -> None:
        """Move `case` through its workflow from `received` until today or until it stalls."""
        rng, stall = self.rng, self._stalls(received)
        acts = 0
        self.open_clock(case, S.ACCEPTANCE, received)

        def act(on: date) -> bool:
            nonlocal acts
            if on > self.today or (stall is not None and acts >= stall):
                return False
            acts += 1
            case.last_on = on
            return True

        # Intake: accept, forward to the competent body, refuse, or see it withdrawn.
        intake = self.intake_table(case)
        on = received + timedelta(days=self.between(1, 9))
        choice = pick(self.rng, intake)
        if choice == "forward":
            if not act(on):
                return
            case.handling = self.forward_target(commune)
            case.within_authority = False
            case.end(on)
            self.open_clock(case, S.ACCEPTANCE, on)
            case.status = St.FORWARDED
            on += timedelta(days=self.between(2, 10))
        elif choice in ("not_accept", "withdraw"):
            if act(on):
                case.end(on)
                case.closed_on = on
                case.status = St.NOT_ACCEPTED if choice == "not_accept" else St.WITHDRAWN
            return
        while True:
            if not act(on):
                return
            self.accept(case, on)
            if case.kind in (K.PETITION, K.REFLECTION):
                self.answer(case, on)
                return
            if case.kind == K.DENUNCIATION:
                self.settle_denunciation(case, on, act)
                return
            decided = self.settle_complaint(case, on, act)
            if decided is None:
                return
            on = decided
            # After the decision: it takes effect, or is appealed once, or goes to court.
            u = rng.random()
            assert case.decision_date is not None
            if u < 0.12 and case.instance == 1:
                on = case.decision_date + timedelta(days=self.between(5, 28))
                if not act(on):
                    return
                case.instance = 2
                case.handling = commune.province_id
                case.outcome = case.decision_number = case.decision_date = None
                case.settled_on = case.settled_on_time = None
                case.status = St.APPEALED
                self.open_clock(case, S.ACCEPTANCE, on)
                on += timedelta(days=self.between(2, 9))
                continue
            if u < 0.15:
                on = case.decision_date + timedelta(days=self.between(10, 40))
                if act(on):
                    case.status, case.closed_on = St.SUED, on
                return
            effective = self.limit(case, S.DECISION_EFFECT, case.decision_date) or case.decision_date
            on = effective + timedelta(days=self.between(0, 12))
            if act(on):
                case.status, case.closed_on = St.EFFECTIVE, on
            return

    def intake_table(self, case: Case) -> tuple[tuple[str, float], ...]:
        if case.kind == K.COMPLAINT:
            return (("accept", 0.72), ("not_accept", 0.84), ("forward", 0.96), ("withdraw", 1.0))
        if case.kind == K.DENUNCIATION:
            return (("accept", 0.65), ("not_accept", 0.85), ("forward", 1.0))
        return (("accept", 0.70), ("forward", 0.95), ("not_accept", 1.0))

    def forward_target(self, commune: Commune) -> uuid.UUID:
        if commune.neighbours and self.rng.random() < 0.4:
            return self.communes[self.rng.choice(commune.neighbours)].id
        return commune.province_id

    def accept(self, case: Case, on: date) -> None:
        case.status, case.within_authority = St.ACCEPTED, True
        case.end(on, S.ACCEPTANCE)
        self.open_clock(case, S.SETTLEMENT_SECOND if case.instance > 1 else S.SETTLEMENT, on)
        if case.kind == K.DENUNCIATION:
            self.open_clock(case, S.ACCEPTANCE_NOTICE, on)
            case.decision_number = f"{self.between(1, 400)}/QĐ-TLTC"

    def settle(self, case: Case, on: date, outcome: Outcome, number: str | None) -> None:
        stage = S.SETTLEMENT_SECOND if case.instance > 1 else S.SETTLEMENT
        running = case.running(stage)
        case.settled_on = on
        case.settled_on_time = all(on <= c.due for c in running) if running else None
        case.end(on, stage)
        case.outcome, case.decision_number, case.decision_date = outcome, number, on

    def settle_on(self, clock: Clock | None, start: date) -> date:
        """When the body settles: mostly within the limit, sometimes late."""
        rng = self.rng
        due = clock.due if clock else start + timedelta(days=30)
        room = max(1, (due - start).days)
        if rng.random() < 0.85:
            return start + timedelta(days=self.between(max(1, room // 3), room))
        return due + timedelta(days=self.between(1, 30))

    def answer(self, case: Case, accepted: date) -> None:
        clock = next(iter(case.running(S.SETTLEMENT)), None)
        on = self.settle_on(clock, accepted)
        if on > self.today or (self.rng.random() < 0.02):
            return
        case.last_on = on
        self.settle(case, on, Outcome.ANSWERED, None)
        case.status, case.closed_on = St.CLOSED, on

    def suspend_maybe(self, case: Case, on: date) -> bool:
        """A rare suspension (waiting for another body's result); False if it has not ended yet."""
        rng = self.rng
        if rng.random() >= 0.015:
            return True
        if on > self.today:
            return True
        case.suspended_from, case.suspended_on = case.status, on
        back = on + timedelta(days=self.between(10, 60))
        if back > self.today:
            case.status = SUSPENDED
            return False
        days = (back - on).days
        for clock in case.running():
            clock.paused += days
            self.recount(clock)
        case.suspended_from = case.suspended_on = None
        case.last_on = back
        return True

    def settle_complaint(self, case: Case, accepted: date, act: Any) -> date | None:
        rng = self.rng
        stage = S.SETTLEMENT_SECOND if case.instance > 1 else S.SETTLEMENT
        clock = next(iter(case.running(stage)), None)
        decided = self.settle_on(clock, accepted)
        on = accepted + timedelta(days=self.between(1, 6))
        if not act(on):
            return None
        case.status = St.VERIFYING
        if not self.suspend_maybe(case, on + timedelta(days=1)):
            return None
        if rng.random() < 0.04:
            on = on + timedelta(days=self.between(2, 20))
            if act(on):
                case.end(on)
                case.status, case.closed_on = St.WITHDRAWN, on
            return None
        if rng.random() < 0.65:
            on = min(decided - timedelta(days=1), on + timedelta(days=self.between(3, 20)))
            on = max(on, case.last_on)
            if not act(on):
                return None
            case.status = St.DIALOGUE
        decided = max(decided, case.last_on)
        if not act(decided):
            return None
        outcome = rng.choice((Outcome.UPHELD, Outcome.PARTLY_UPHELD, Outcome.REJECTED, Outcome.REJECTED))
        self.settle(case, decided, outcome, f"{self.between(1, 900)}/QĐ-UBND")
        case.status = St.DECIDED
        return decided

    def settle_denunciation(self, case: Case, accepted: date, act: Any) -> None:
        rng = self.rng
        on = accepted + timedelta(days=self.between(1, 5))
        if not act(on):
            return
        case.end(on, S.ACCEPTANCE_NOTICE)
        on += timedelta(days=self.between(0, 4))
        if not act(on):
            return
        case.status = St.VERIFYING
        settlement = next(iter(case.running(S.SETTLEMENT)), None)
        extensions = 2 if rng.random() < 0.08 else 1 if rng.random() < 0.25 else 0
        for _ in range(extensions):
            if settlement is None:
                break
            on = max(on, settlement.due - timedelta(days=self.between(1, 5)))
            if not act(on):
                return
            settlement.extended += 30
            self.recount(settlement)
            case.extension_count += 1
        if not self.suspend_maybe(case, on + timedelta(days=1)):
            return
        concluded = max(self.settle_on(settlement, accepted), case.last_on)
        if not act(concluded):
            return
        outcome = rng.choice(
            (
                Outcome.SUBSTANTIATED,
                Outcome.PARTLY_SUBSTANTIATED,
                Outcome.UNSUBSTANTIATED,
                Outcome.UNSUBSTANTIATED,
            )
        )
        self.settle(case, concluded, outcome, f"{self.between(1, 400)}/KL-UBND")
        case.status = St.CONCLUDED
        on = concluded + timedelta(days=self.between(1, 12))
        if act(on):
            case.status, case.closed_on = St.CLOSED, on

    # Text ------------------------------------------------------------------------------------

    def _numbers(self) -> dict[str, tuple[str, str]]:
        rng = self.rng
        day = START - timedelta(days=rng.randrange(700))
        plain = {
            "n1": str(rng.randint(1, 999)),
            "n2": str(rng.randint(2, 80)),
            "area": str(rng.randint(40, 3000)),
            "small": str(rng.randint(3, 250)),
            "year": str(rng.randint(1995, 2023)),
            "month": str(rng.randint(1, 12)),
            "age": str(rng.randint(75, 96)),
            "price": f"{rng.randint(2, 900) * 10_000:,}".replace(",", "."),
            "day": f"{day.day}/{day.month}/{day.year}",
        }
        return {k: (v, v) for k, v in plain.items()}

    def _middles(self, category: str, size: int) -> list[tuple[str, str]]:
        """A pool of the sentences between opening and request (facts, figures, history)."""
        rng, details = self.rng, words.DETAILS[category]
        pool = []
        for _ in range(size):
            pieces = rng.sample(details, min(2, len(details)))
            pieces += rng.sample(words.COMMON_DETAILS, rng.randint(0, 2))
            values = self._numbers()
            filled = [p.fill(values) for p in pieces]
            pool.append((" ".join(t for t, _ in filled), " ".join(k for _, k in filled)))
        return pool

    def text(
        self, commune: Commune, kind: PetitionKind, category: str, name: str, woman: bool, received: date
    ) -> tuple[str, str, str, str]:
        """Subject, content, and their folded forms."""
        r = self.rng.random
        objects = words.OBJECTS[category]
        obj = objects[int(r() * len(objects))]
        subject = f"{words.VERBS[kind]} {obj}"
        village = commune.villages[int(r() * len(commune.villages))] if commune.villages else commune.name
        day = received - timedelta(days=int(r() * 20))
        stated = f"{day.day}/{day.month}/{day.year}"
        verb = words.VERBS[kind].lower()
        values = {
            "title": "Bà" if woman else "Ông",
            "title_lower": "bà" if woman else "ông",
            "name": name,
            "village": village,
            "commune": commune.name,
            "verb_lower": verb,
            "object": obj,
            "day": stated,
        }
        keys = {k: folded(v) for k, v in values.items()}
        openings = words.ANONYMOUS_OPENINGS if kind == K.DENUNCIATION else words.OPENINGS
        opening = openings[int(r() * len(openings))]
        request = words.REQUESTS[int(r() * len(words.REQUESTS))]
        pool = self.middles[category]
        middle, middle_key = pool[int(r() * len(pool))]
        content = f"{opening.text.format_map(values)} {middle} {request.text.format_map(values)}"
        key = f"{opening.key.format_map(keys)} {middle_key} {request.key.format_map(keys)}"
        if len(content) > SEARCHED_CONTENT:
            key = folded(content[:SEARCHED_CONTENT])
        return subject, content, folded(subject), key

    # Rows ------------------------------------------------------------------------------------

    def _uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def _petitioners(
        self, petition_id: uuid.UUID, commune: Commune, count: int
    ) -> tuple[list[tuple[Any, ...]], list[tuple[str, str]], bool]:
        """Rows, (name, folded name) of each, and whether the first is a woman."""
        rng = self.rng
        upland = commune.province_code in UPLAND_PROVINCES
        rows, names, first_woman = [], [], False
        for position in range(count):
            regulars = self.regulars.setdefault(commune.code, [])
            if position == 0 and regulars and rng.random() < 0.06:
                # Someone who has written before: the duplicate check finds them by identity.
                name, number, address, phone = rng.choice(regulars)
                woman = " Thị " in name
            else:
                name, woman = words.person(rng, upland)
                century = (2 if woman else 0) + (1 if rng.random() < 0.1 else 0)
                number = (
                    f"0{commune.province_code}{century}{self.between(40, 99)}{self.between(0, 999_999):06d}"
                )
                village = rng.choice(commune.villages) if commune.villages else ""
                address = f"{village}, {commune.name}" if village else commune.name
                phone = f"09{self.between(0, 99_999_999):08d}"
                if len(regulars) < 40:
                    regulars.append((name, number, address, phone))
            if position == 0:
                first_woman = woman
            digest = hmac.new(self.key, number.upper().encode(), sha256).hexdigest()
            rows.append(
                (
                    self._uuid(),
                    petition_id,
                    name,
                    address,
                    number,
                    phone,
                    None,
                    count > 1 and position == 0,
                    position,
                    digest,
                )
            )
            names.append((name, folded(name)))
        return rows, names, first_woman

    def case(self) -> tuple[tuple[Any, ...], list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        rng = self.rng
        index = bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])
        index = min(index, len(self.communes) - 1)
        commune = self.communes[index]
        kind = pick(self.rng, KINDS)
        channel = pick(self.rng, CHANNELS)
        received = self._received()
        reception_id = None
        if channel == Channel.RECEPTION:
            held = self.sessions.get(index)
            if held:
                at = max(0, bisect.bisect(held, (received, uuid.UUID(int=2**128 - 1))) - 1)
                received, reception_id = held[at]
            else:
                channel = Channel.MAIL
        upland = commune.province_code in UPLAND_PROVINCES
        remote = upland and rng.random() < 0.3
        complex_ = kind in (K.COMPLAINT, K.DENUNCIATION) and rng.random() < 0.1
        petition_id = self._uuid()
        category = pick(rng, CATEGORIES[kind])
        group = kind != K.DENUNCIATION and rng.random() < 0.06
        head_count = self.between(5, 120) if group else 1
        people: list[tuple[Any, ...]] = []
        names: list[tuple[str, str]] = []
        woman = rng.random() < 0.4
        if kind != K.DENUNCIATION:
            people, names, woman = self._petitioners(petition_id, commune, self.between(2, 3) if group else 1)
        first_name = names[0][0] if names else ""
        subject, content, subject_key, content_key = self.text(
            commune, kind, category, first_name, woman, received
        )
        anonymous = kind == K.DENUNCIATION and rng.random() < 0.08

        case = Case(kind, remote, complex_, commune.id, received)
        if anonymous:
            # Not handled as a denunciation (Art. 25): refused at intake.
            on = received + timedelta(days=self.between(1, 7))
            if on <= self.today:
                case.status, case.closed_on, case.last_on = St.NOT_ACCEPTED, on, on
        else:
            self.simulate(case, received, commune)
        year = received.year
        seq = self.counters[(index, year)] = self.counters.get((index, year), 0) + 1
        reference = f"{commune.code}-{year}-{seq:06d}"
        key = " ".join([reference, subject_key, content_key, *(f for _, f in names)])
        due = case.due_on()
        open_ = case.status not in TERMINAL
        stamp = datetime.combine(
            received, clock_time(2 + self.between(0, 8), self.between(0, 59)), tzinfo=UTC
        )
        updated = datetime.combine(case.last_on, clock_time(3 + self.between(0, 7)), tzinfo=UTC)
        row = (
            petition_id,
            reference,
            year,
            seq,
            kind.value,
            channel.value,
            received,
            commune.id,
            case.handling,
            subject,
            content,
            category,
            case.within_authority,
            remote,
            complex_,
            head_count,
            anonymous,
            case.status.value,
            case.suspended_from.value if case.suspended_from else None,
            case.suspended_on,
            case.instance,
            case.outcome.value if case.outcome else None,
            case.decision_number,
            case.decision_date,
            case.extension_count,
            due,
            due or date.max,
            case.settled_on,
            case.settled_on_time,
            case.closed_on,
            None,
            False,
            reception_id,
            key,
            None,
            None,
            1,
            stamp,
            max(stamp, updated),
        )
        clocks = []
        if open_:
            clocks = [
                (
                    self._uuid(),
                    petition_id,
                    c.stage.value,
                    c.instance,
                    c.started,
                    c.due,
                    c.ended,
                    c.days,
                    c.extended,
                    c.paused,
                    c.rule.day_basis.value,
                    c.rule.legal_basis,
                    c.rule.id,
                )
                for c in case.clocks
            ]
        stats = self.stats
        stats.petitions += 1
        stats.statuses[case.status.value] = stats.statuses.get(case.status.value, 0) + 1
        if open_:
            stats.open += 1
            if due is not None and due < self.today:
                stats.overdue += 1
        return row, people, clocks

    def chunk(self, size: int) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        petitions: list[tuple[Any, ...]] = []
        petitioners: list[tuple[Any, ...]] = []
        deadlines: list[tuple[Any, ...]] = []
        for _ in range(size):
            row, people, clocks = self.case()
            petitions.append(row)
            petitioners += people
            deadlines += clocks
        self.stats.petitioners += len(petitioners)
        self.stats.deadlines += len(deadlines)
        return petitions, petitioners, deadlines


def pick(rng: random.Random, table: tuple[tuple[Any, float], ...]) -> Any:
    """A value from (value, cumulative probability) pairs."""
    u = rng.random()
    return next((value for value, edge in table if u < edge), table[-1][0])


# Loading -------------------------------------------------------------------------------------


async def _communes(connection: asyncpg.Connection, rng: random.Random) -> list[Commune]:
    rows = await connection.fetch(
        """SELECT c.id, c.code, c.name, c.kind, p.id AS province_id, p.code AS province_code,
                  coalesce(array_agg(v.name ORDER BY v.code) FILTER (WHERE v.id IS NOT NULL), '{}') AS villages
           FROM units c JOIN units p ON p.id = c.parent_id
           LEFT JOIN units v ON v.parent_id = c.id AND v.status = 'active'
           WHERE c.code_system = 'decision_19_2025' AND c.status = 'active'
             AND c.kind IN ('commune', 'ward', 'special_zone')
           GROUP BY c.id, p.id ORDER BY c.code"""
    )
    communes = []
    for r in rows:
        # Heavy-tailed: a few big urban wards receive thousands of cases, most communes hundreds.
        weight = rng.lognormvariate(0, 0.65) * (2.2 if r["kind"] == "ward" else 1.0)
        weight *= BIG_CITIES.get(r["province_code"], 1.0)
        villages = tuple(name.removesuffix(" (demo)") for name in r["villages"])
        communes.append(
            Commune(r["id"], r["code"], r["name"], r["province_id"], r["province_code"], weight, villages)
        )
    by_province: dict[uuid.UUID, list[int]] = {}
    for i, c in enumerate(communes):
        by_province.setdefault(c.province_id, []).append(i)
    out = []
    for i, c in enumerate(communes):
        siblings = [j for j in by_province[c.province_id] if j != i]
        near = tuple(rng.sample(siblings, min(6, len(siblings))))
        out.append(Commune(c.id, c.code, c.name, c.province_id, c.province_code, c.weight, c.villages, near))
    return out


async def _rules(connection: asyncpg.Connection) -> list[Rule]:
    rows = await connection.fetch(
        """SELECT id, kind, stage, remote_area, complex, days, day_basis, legal_basis, valid_from, valid_to
           FROM petition_deadline_rules"""
    )
    return [
        Rule(
            r["id"],
            PetitionKind(r["kind"]),
            Stage(r["stage"]),
            r["remote_area"],
            r["complex"],
            r["days"],
            DayBasis(r["day_basis"]),
            r["legal_basis"],
            r["valid_from"],
            r["valid_to"],
        )
        for r in rows
    ]


async def _calendar(connection: asyncpg.Connection) -> WorkingCalendar:
    rows = await connection.fetch("SELECT day, kind FROM calendar_days")
    return WorkingCalendar({r["day"]: DayKind(r["kind"]) for r in rows})


def _receptions(
    rng: random.Random, communes: list[Commune], today: date
) -> tuple[list[tuple[Any, ...]], dict[int, list[tuple[date, uuid.UUID]]]]:
    """About 18 sessions per commune since 2024 (more where more cases come), on working days."""
    rows: list[tuple[Any, ...]] = []
    by_commune: dict[int, list[tuple[date, uuid.UUID]]] = {}
    span = (today - START).days
    mean = sum(c.weight for c in communes) / len(communes)
    roles = (("pc_chairman", 0.45), ("party_secretary", 0.70), ("pc_vice_chairman", 0.85), ("officer", 1.0))
    kinds = (("regular", 0.85), ("ad_hoc", 0.93), ("dialogue_citizens", 0.99), ("dialogue_businesses", 1.0))
    stamp = datetime.combine(today, clock_time(1), tzinfo=UTC)
    for index, commune in enumerate(communes):
        count = max(2, round(18 * math.sqrt(commune.weight / mean) * rng.uniform(0.7, 1.3)))
        held: list[tuple[date, uuid.UUID]] = []
        upland = commune.province_code in UPLAND_PROVINCES
        for n in range(count):
            day = START + timedelta(days=rng.randrange(span))
            day -= timedelta(days=max(0, day.weekday() - 4))
            role, kind = pick(rng, roles), pick(rng, kinds)
            dialogue = kind.startswith("dialogue")
            online = day >= ONLINE_RECEPTIONS_FROM and not dialogue and rng.random() < 0.1
            citizens = rng.randint(15, 60) if dialogue else rng.choice((0, 1, 2, 3, 4, 5, 6, 8, 12))
            cases = rng.randint(2, 9) if dialogue else min(citizens, rng.randint(0, 6))
            host, _ = words.person(rng, upland)
            place = (
                "Trực tuyến qua Cổng dịch vụ công"
                if online
                else f"{'Hội trường' if dialogue else 'Phòng tiếp công dân'} UBND {commune.name}"
            )
            topics = ", ".join(rng.sample(words.RECEPTION_TOPICS, 2))
            notes = (
                f"{words.HOSTS[role]} tiếp công dân; nội dung chính: {topics}"
                if citizens
                else "Không có công dân đến"
            )
            session_id = uuid.UUID(int=rng.getrandbits(128), version=4)
            rows.append(
                (
                    session_id,
                    commune.id,
                    day,
                    kind,
                    "online" if online else "in_person",
                    place,
                    host,
                    role,
                    citizens,
                    cases,
                    notes,
                    folded(" ".join((place, host, notes))),
                    SOURCE,
                    f"reception-{commune.code}-{n:04d}",
                    1,
                    stamp,
                    stamp,
                )
            )
            if citizens:
                held.append((day, session_id))
        by_commune[index] = sorted(held)
    return rows, by_commune


@dataclass(frozen=True)
class _Detached:
    indexes: list[str]
    foreign_keys: list[tuple[str, str, str]]


async def _detach(connection: asyncpg.Connection, tables: list[str]) -> _Detached:
    """Drop the secondary indexes and foreign keys of `tables`, keeping their definitions."""
    indexes = await connection.fetch(
        """SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
           FROM pg_index i
           WHERE i.indrelid = ANY($1::regclass[])
             AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)""",
        tables,
    )
    keys = await connection.fetch(
        """SELECT conrelid::regclass::text AS tab, conname, pg_get_constraintdef(oid) AS definition
           FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY($1::regclass[])""",
        tables,
    )
    for k in keys:
        await connection.execute(f'ALTER TABLE {k["tab"]} DROP CONSTRAINT "{k["conname"]}"')
    for i in indexes:
        await connection.execute(f"DROP INDEX {i['name']}")
    return _Detached(
        [i["definition"] for i in indexes], [(k["tab"], k["conname"], k["definition"]) for k in keys]
    )


async def _reattach(dsn: str, detached: _Detached) -> None:
    """Rebuild the indexes two at a time (one per core) and validate the foreign keys."""
    queue = list(detached.indexes)

    async def worker() -> None:
        connection = await asyncpg.connect(dsn)
        try:
            await connection.execute("SET maintenance_work_mem = '512MB'")
            while queue:
                await connection.execute(queue.pop())
        finally:
            await connection.close()

    await asyncio.gather(worker(), worker())
    connection = await asyncpg.connect(dsn)
    try:
        for table, name, definition in detached.foreign_keys:
            await connection.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
    finally:
        await connection.close()


async def _check_search_text(connection: asyncpg.Connection) -> None:
    """A sample of rows against the app's own `search_text`, so the generator cannot drift from it."""
    rows = await connection.fetch(
        """SELECT p.kind, p.reference, p.subject, p.content, p.search_text,
                  coalesce(array_agg(n.full_name ORDER BY n.position) FILTER (WHERE n.id IS NOT NULL), '{}') AS names
           FROM petitions p TABLESAMPLE SYSTEM (1) REPEATABLE (7)
           LEFT JOIN petitioners n ON n.petition_id = p.id
           WHERE p.external_source IS NULL
           GROUP BY p.id LIMIT 500"""
    )

    @dataclass
    class _Row:
        reference: str
        subject: str
        content: str

    for r in rows:
        expected = search_text(_Row(r["reference"], r["subject"], r["content"]), list(r["names"]))  # type: ignore[arg-type]
        if expected != r["search_text"]:
            raise RuntimeError(
                f"search_text of {r['reference']} differs from the app's:\n{r['search_text']}\n{expected}"
            )


async def add_petitions(url: str, total: int, identity_key: str, today: date) -> Stats:
    """Add `total` petitions (with petitioners, time limits and reception sessions), then ANALYZE."""
    dsn = driver_url(url)
    connection = await asyncpg.connect(dsn)
    started = time.monotonic()
    try:
        rng = random.Random(SEED)
        communes = await _communes(connection, rng)
        receptions, sessions = _receptions(rng, communes, today)
        generator = Generator(
            communes,
            await _rules(connection),
            await _calendar(connection),
            sessions,
            identity_key,
            today,
            total,
        )
        tables = ["reception_sessions", "petitions", "petitioners", "petition_deadlines"]
        detached = await _detach(connection, tables)
        await connection.copy_records_to_table(
            "reception_sessions", records=receptions, columns=RECEPTION_COLUMNS
        )
        generator.stats.receptions = len(receptions)
        made = 0
        pending = asyncio.create_task(asyncio.to_thread(generator.chunk, min(CHUNK, total)))
        while True:
            petitions, petitioners, deadlines = await pending
            made += len(petitions)
            if made < total:
                pending = asyncio.create_task(asyncio.to_thread(generator.chunk, min(CHUNK, total - made)))
            await connection.copy_records_to_table("petitions", records=petitions, columns=PETITION_COLUMNS)
            await connection.copy_records_to_table(
                "petitioners", records=petitioners, columns=PETITIONER_COLUMNS
            )
            await connection.copy_records_to_table(
                "petition_deadlines", records=deadlines, columns=DEADLINE_COLUMNS
            )
            if made >= total:
                break
        generator.stats.seconds["rows"] = round(time.monotonic() - started, 1)
        await connection.execute(
            """INSERT INTO petition_reference_counters (unit_id, year, last_seq)
               SELECT receiving_unit_id, reference_year, max(reference_seq) FROM petitions
               GROUP BY receiving_unit_id, reference_year"""
        )
        mark = time.monotonic()
        await _reattach(dsn, detached)
        generator.stats.seconds["indexes"] = round(time.monotonic() - mark, 1)
        mark = time.monotonic()
        for table in tables:
            await connection.execute(f"VACUUM (ANALYZE) {table}")
        generator.stats.seconds["analyze"] = round(time.monotonic() - mark, 1)
        await _check_search_text(connection)
    finally:
        await connection.close()
    generator.stats.seconds["total"] = round(time.monotonic() - started, 1)
    return generator.stats
