"""A page's statement is cut once per listed statement and kept: the next request with the same
sort and limit gets the same statement (its SQLAlchemy cache key memoised), its cursor bound as
parameters; another statement, sort or limit gets its own."""

import uuid
from typing import Any

from sqlalchemy import select

from api.core.pagination import CursorCodec, PageQuery, _cut
from api.units.models import Unit
from api.units.schemas import SORTING

CODEC = CursorCodec("k" * 64)


def _cursor(sort: str, values: list[Any]) -> str:
    return CODEC.encode(sort, values)


def test_the_same_listing_reuses_its_cut_with_the_cursor_as_parameters() -> None:
    listed = select(Unit)
    first, first_params = _cut(listed, SORTING, PageQuery(limit=50), CODEC, Unit)
    again, _ = _cut(listed, SORTING, PageQuery(limit=50), CODEC, Unit)
    assert again is first and first_params == {}

    sort_text, keys = SORTING.parse(None)
    values_a = ["Xã A", str(uuid.uuid4())]
    values_b = ["Xã B", str(uuid.uuid4())]
    assert len(keys) == len(values_a), "the test names one value per sort key"
    after_a, params_a = _cut(
        listed, SORTING, PageQuery(limit=50, cursor=_cursor(sort_text, values_a)), CODEC, Unit
    )
    after_b, params_b = _cut(
        listed, SORTING, PageQuery(limit=50, cursor=_cursor(sort_text, values_b)), CODEC, Unit
    )
    assert after_b is after_a and after_a is not first
    assert params_a["after_0"] == "Xã A" and params_b["after_0"] == "Xã B"
    assert params_a["after_1"] == uuid.UUID(values_a[1])

    other_limit, _ = _cut(listed, SORTING, PageQuery(limit=20), CODEC, Unit)
    other_statement, _ = _cut(select(Unit).where(Unit.depth == 0), SORTING, PageQuery(limit=50), CODEC, Unit)
    assert other_limit is not first and other_statement is not first


def test_a_page_after_a_cursor_bounds_its_first_sort_column() -> None:
    """`a >= x AND (a > x OR a = x AND b > y)`: the leading bound is what lets PostgreSQL start the
    index scan at the cursor instead of filtering out every earlier page (a deep page cost as much
    as all the pages before it)."""
    sort_text, keys = SORTING.parse(None)
    cursor = _cursor(sort_text, ["Xã A", str(uuid.uuid4())])
    cut, _ = _cut(select(Unit), SORTING, PageQuery(limit=50, cursor=cursor), CODEC, Unit)
    where = str(cut.stmt.whereclause)
    first = keys[0].field.attribute
    bound = f"units.{first} <= :after_0" if keys[0].descending else f"units.{first} >= :after_0"
    assert where.startswith(bound + " AND ("), where
