"""The SQL each benchmarked petitions endpoint sends, captured from the app's own code on the bench
database, and replayed straight on asyncpg.

The units benchmark compiles its statements from a recording stand-in session (bench/sql.py);
petitions load their petitioners and time limits through the ORM's relationship loaders and
write through the unit of work, which a stand-in cannot imitate. So the endpoint's own service and
repository calls run once on a real session with a cursor listener, and what reached the driver —
statement text and bound values, exactly as asyncpg received them — is what the direct-SQL run
sends. A create is captured once and replayed in a transaction that commits, with fresh ids,
reference number and audit hashes each time and the next of the communes the API load cycles
through (bench/wrk_create.lua), so that every replay writes a new case as the endpoint does and
no commune's reference counter sees more of the load than it does under the API.
"""

import re
import secrets
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, NamedTuple

import asyncpg  # type: ignore[import-untyped]
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.permissions import permissions_of
from api.core.access import Principal
from api.core.audit import Actor, set_actor
from api.core.db import Database, create_engine
from api.core.pagination import CursorCodec
from api.core.schemas import Page
from api.core.settings import Settings
from api.core.shared_cache import SESSION_KEY as CACHE_SESSION_KEY
from api.core.shared_cache import ProcessCache
from api.petitions import service
from api.petitions.models import Petition, ReferenceCounter, Status
from api.petitions.repository import PetitionRepository
from api.petitions.schemas import PetitionCreate, PetitionListQuery, PetitionSummary
from bench.load import Statement
from bench.sql import summarize_plan

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
# The first number a captured create takes: no other value of its statements is this large.
CAPTURE_SEQ = 900_001


def _literal(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def render(sql: str, params: Sequence[Any]) -> str:
    """Readable SQL with the values in place of `$n` (for the report, never executed)."""
    return re.sub(r"\$(\d+)", lambda m: _literal(params[int(m.group(1)) - 1]), sql)


def principal(user_id: uuid.UUID) -> Principal:
    """The bench administrator as the app sees it: nationwide, every permission of `admin`."""
    return Principal(
        kind="user",
        id=user_id,
        name="bench-admin",
        unit_id=None,
        unit_path=None,
        permissions=permissions_of(["admin"], []),
        roles=("admin",),
    )


def _settings(url: str, secret_key: str) -> Settings:
    return Settings(environment="production", database_url=url, secret_key=secret_key, log_level="WARNING")


async def capture(
    url: str,
    secret_key: str,
    run: Callable[[AsyncSession], Awaitable[object]],
    *,
    write: bool = False,
    cache: ProcessCache | None = None,
) -> list[Statement]:
    """What `run` sends to the database in a session of the app's own kind (a write commits),
    with a worker's `cache` when given, as the unit of work attaches it."""
    engine = create_engine(_settings(url, secret_key))
    statements: list[Statement] = []

    def record(_c: Any, _cur: Any, sql: str, params: Any, _ctx: Any, many: bool) -> None:
        for one in params if many else [params]:
            values = tuple(one or ())
            statements.append(Statement(sql=sql, params=values, literal=render(sql, values)))

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    database = Database(engine)
    try:
        async with database.session_factory(write=write)() as session:
            if cache is not None:
                session.info[CACHE_SESSION_KEY] = cache
            await run(session)
            if write:
                await session.commit()
    finally:
        await database.dispose()
    return statements


class Commune(NamedTuple):
    """A commune new cases are received by: its id, and its code, which starts their reference numbers."""

    id: uuid.UUID
    code: str


@dataclass(frozen=True)
class Targets:
    """What the petitions endpoints are measured on."""

    petition_id: uuid.UUID
    commune_id: uuid.UUID
    commune_name: str
    commune_cases: int
    province_id: uuid.UUID
    province_name: str
    province_overdue_accepted: int
    create_units: list[Commune]


async def pick_targets(dsn: str, today: date) -> Targets:
    """An open complaint with a petitioner and time limits; the commune with the most cases (so that
    40 pages exist) and its province; and the communes new cases are received by."""
    connection = await asyncpg.connect(dsn)
    try:
        commune = await connection.fetchrow(
            """SELECT u.id, u.name, count(*) AS cases FROM petitions p JOIN units u ON u.id = p.receiving_unit_id
               GROUP BY u.id ORDER BY cases DESC, u.id LIMIT 1"""
        )
        province = await connection.fetchrow(
            "SELECT p.id, p.name FROM units c JOIN units p ON p.id = c.parent_id WHERE c.id = $1",
            commune["id"],
        )
        complaint = """SELECT p.id FROM petitions p
            WHERE p.kind = 'complaint' AND p.status = 'accepted' AND {where}
              AND EXISTS (SELECT 1 FROM petitioners n WHERE n.petition_id = p.id)
            ORDER BY p.received_on DESC, p.id LIMIT 1"""
        petition = await connection.fetchval(
            complaint.format(where="p.receiving_unit_id = $1"), commune["id"]
        )
        if petition is None:
            # A small development dataset may have none in that commune: any commune's latest then.
            petition = await connection.fetchval(complaint.format(where="true"))
        overdue = await connection.fetchval(
            """SELECT count(*) FROM petitions p JOIN units u ON u.id = p.handling_unit_id OR u.id = p.receiving_unit_id
               WHERE u.path LIKE (SELECT path FROM units WHERE id = $1) || '%'
                 AND p.status = 'accepted' AND p.due_on < $2""",
            province["id"],
            today,
        )
        units = await connection.fetch(
            """SELECT id, code FROM units WHERE code_system = 'decision_19_2025' AND status = 'active'
                 AND kind IN ('commune', 'ward') ORDER BY md5(code) LIMIT 500"""
        )
    finally:
        await connection.close()
    return Targets(
        petition_id=petition,
        commune_id=commune["id"],
        commune_name=commune["name"],
        commune_cases=commune["cases"],
        province_id=province["id"],
        province_name=province["name"],
        province_overdue_accepted=overdue,
        create_units=[Commune(r["id"], r["code"]) for r in units],
    )


def create_body(unit_id: uuid.UUID, today: date, identity_number: str) -> PetitionCreate:
    """The case every benchmarked create receives (the wrk script varies its person and unit)."""
    return PetitionCreate.model_validate(
        {
            "kind": "complaint",
            "channel": "mail",
            "received_on": today.isoformat(),
            "receiving_unit_id": str(unit_id),
            "subject": "Khiếu nại quyết định thu hồi đất nông nghiệp",
            "content": "Ông Nguyễn Văn An, trú tại thôn Nà Lẹng, khiếu nại Quyết định số 125/QĐ-UBND về việc "
            "thu hồi 850 m2 đất nông nghiệp của gia đình. Đề nghị xem xét, giải quyết theo quy định.",
            "category": "land",
            "petitioners": [
                {"full_name": "Nguyễn Văn An", "identity_number": identity_number, "phone": "0912345678"}
            ],
        }
    )


@dataclass(frozen=True)
class Replay:
    """A create captured on `communes[0]`, made new for each replay: fresh ids, audit hashes and
    reference number, and the next of `communes`, as the API load takes them in turn."""

    statements: list[Statement]
    ids: frozenset[uuid.UUID]
    reference: str
    seq: int
    communes: list[Commune]
    next_seq: list[int]

    def __post_init__(self) -> None:
        # The service numbers a case `{receiving unit's code}-{year}-{seq:06d}`; a replay rewrites
        # the code and the number, so it must find them where it expects them.
        code, tail = self.communes[0].code + "-", f"-{self.seq:06d}"
        if not (self.reference.startswith(code) and self.reference.endswith(tail)):
            raise RuntimeError(f"reference {self.reference!r} is not {code}<year>{tail}: update Replay")

    def fresh(self) -> list[Statement]:
        self.next_seq[0] += 1
        seq = self.next_seq[0]
        captured, commune = self.communes[0], self.communes[seq % len(self.communes)]
        year = self.reference[len(captured.code) + 1 : -len(f"-{self.seq:06d}")]
        ids = {old: uuid.uuid4() for old in self.ids} | {captured.id: commune.id}
        # Ids and the reference also appear inside text: the audit rows' JSON, the search text.
        texts = {str(old): str(new) for old, new in ids.items()}
        texts[self.reference] = f"{commune.code}-{year}-{seq:06d}"
        texts[f'"reference_seq": {self.seq}'] = f'"reference_seq": {seq}'
        # One new value per old hash, so the audit chain and the duplicate check stay linked.
        hashes: dict[str, str] = {}

        def value(v: Any) -> Any:
            if isinstance(v, uuid.UUID):
                return ids.get(v, v)
            if isinstance(v, str):
                if _HEX64.match(v):
                    return hashes.setdefault(v, secrets.token_hex(32))
                for old, new in texts.items():
                    if old in v:
                        v = v.replace(old, new)
                return v
            if v == self.seq and isinstance(v, int) and not isinstance(v, bool):
                return seq
            return v

        return [replace(s, params=tuple(value(v) for v in s.params)) for s in self.statements]


async def capture_create(
    url: str, secret_key: str, user_id: uuid.UUID, communes: list[Commune], today: date
) -> Replay:
    """The statements of `POST /petitions` on the first of `communes` (service.create, then the
    answer built from what it wrote), to replay over all of them."""
    who = principal(user_id)
    unit_id = communes[0].id
    created: list[Petition] = []

    async def prepare(session: AsyncSession) -> None:
        # Every commune has this year's counter, as after its first case of the year, so that each
        # replay takes the row lock of its commune's counter as a request does.
        await session.execute(
            text(
                """INSERT INTO petition_reference_counters (unit_id, year, last_seq)
                   SELECT u, :year, coalesce((SELECT max(p.reference_seq) FROM petitions p
                                              WHERE p.receiving_unit_id = u AND p.reference_year = :year), 0)
                   FROM unnest(CAST(:units AS uuid[])) AS u
                   ON CONFLICT DO NOTHING"""
            ),
            {"year": today.year, "units": [c.id for c in communes]},
        )
        # A reference number no replay of this run can reach, so replays count up from it.
        counter = await session.get(ReferenceCounter, (unit_id, today.year))
        assert counter is not None
        counter.last_seq = CAPTURE_SEQ - 1
        await session.flush()

    await capture(url, secret_key, prepare, write=True)

    async def run(session: AsyncSession) -> None:
        # The unit of work attributes a request's audit rows to its principal, request id and
        # address before the endpoint runs (the create writes its audit rows itself).
        set_actor(session, Actor(who.kind, who.id, who.name, uuid.uuid4().hex, "127.0.0.1"))
        petition = await service.create(session, who, create_body(unit_id, today, "001099012345"), secret_key)
        service.created(session, who, petition)
        created.append(petition)

    # A worker keeps categories, time-limit rules and the calendar (api/core/shared_cache.py): the
    # first create fills the cache as a worker's first request does, the second is what every
    # later request sends, and is replayed.
    cache = ProcessCache()
    cache.live = True
    await capture(url, secret_key, run, write=True, cache=cache)
    statements = await capture(url, secret_key, run, write=True, cache=cache)
    petition = created[-1]
    ids = {petition.id, *(p.id for p in petition.petitioners), *(d.id for d in petition.deadlines)}
    return Replay(
        statements,
        frozenset(ids),
        petition.reference,
        petition.reference_seq,
        communes,
        [CAPTURE_SEQ + 10_000_000],
    )


async def endpoint_statements(
    url: str, secret_key: str, user_id: uuid.UUID, targets: Targets, deep_cursor: str, query: str
) -> dict[str, list[Statement]]:
    """Mirrors api/petitions/endpoints.py: get_petition (the case loaded by its path dependency,
    then its answer), its duplicate suggestions, and list_petitions with each benchmarked filter."""
    who = principal(user_id)
    codec = CursorCodec(secret_key)

    async def get(session: AsyncSession) -> None:
        petition = await PetitionRepository(session, who).get(targets.petition_id)
        await service.read(session, who, petition)

    async def suggestions(session: AsyncSession) -> None:
        petition = await PetitionRepository(session, who).get(targets.petition_id)
        await service.duplicate_suggestions(session, who, petition)

    def listing(**filters: Any) -> Callable[[AsyncSession], Awaitable[None]]:
        async def run(session: AsyncSession) -> None:
            found = await PetitionRepository(session, who).page(PetitionListQuery(limit=50, **filters), codec)
            Page[PetitionSummary].model_validate(found)

        return run

    runs = {
        "petition": get,
        "suggestions": suggestions,
        "commune_first": listing(within_unit_id=targets.commune_id),
        "commune_deep": listing(within_unit_id=targets.commune_id, cursor=deep_cursor),
        "province_overdue": listing(
            within_unit_id=targets.province_id,
            sort="due_on",
            status=[Status.ACCEPTED],
            deadline_state=["overdue"],
        ),
        "search": listing(q=query),
    }
    # As on a running worker: a list's named unit is kept after the first request (as categories
    # and rules are), so each run is captured a second time with the cache the first filled.
    captured = {}
    for key, run in runs.items():
        cache = ProcessCache()
        cache.live = True
        await capture(url, secret_key, run, cache=cache)
        captured[key] = await capture(url, secret_key, run, cache=cache)
    return captured


async def explain(dsn: str, statements: list[Statement]) -> list[dict[str, Any]]:
    """EXPLAIN (ANALYZE, BUFFERS) of each statement with its bound values; writes are rolled back."""
    connection = await asyncpg.connect(dsn)
    try:
        transaction = connection.transaction()
        await transaction.start()
        try:
            plans = []
            for statement in statements:
                rows = await connection.fetch(
                    "EXPLAIN (ANALYZE, BUFFERS) " + statement.sql, *statement.params
                )
                plans.append(summarize_plan(statement.literal, [r[0] for r in rows]))
            return plans
        finally:
            await transaction.rollback()
    finally:
        await connection.close()
