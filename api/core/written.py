"""Values written into a statement rather than bound, for the statements of reports and searches.

Bound, a value lets PostgreSQL switch a connection to its generic plan from the sixth execution of a
statement on: a plan made without looking at the value, which guesses a subtree's size or a
pattern's matches. For the reports over a subtree and a period, that read a province's inspection
visits three times slower (80 → 190-300 ms); for a search pattern, 7 ms → 1.5 s at a million cases.
Such statements are rare and few, so each is planned for its own values.

Written at execution (`literal_execute`), the values leave the compiled statement in SQLAlchemy's
cache, which rendering the whole statement with `literal_binds` did not (8-14 ms of a report's CPU).
"""

from collections.abc import Iterable
from typing import Any

from sqlalchemy import BindParameter, ColumnElement, bindparam, literal
from sqlalchemy.types import TypeEngine


def written(value: Any, type_: type[TypeEngine[Any]] | TypeEngine[Any] | None = None) -> ColumnElement[Any]:
    """`value` written into the statement when it runs."""
    return literal(value, type_, literal_execute=True)


def written_list(values: Iterable[Any]) -> BindParameter[Any]:
    """The values of an IN, written into the statement when it runs (sorted: one text per set)."""
    return bindparam(None, sorted(values), expanding=True, literal_execute=True)
