"""What a transaction holds in memory goes back with it to a savepoint.

Some of what a transaction writes or reads waits in memory: the audit events queued for the
commit (api/core/audit.py), a long transaction's cache of what it read (api/core/shared_cache.py),
the reference numbers an import has taken and writes back at its commit
(api/petitions/numbering.py). When the transaction is rolled back to a savepoint (an import's
row or batch undone), the database forgets what was done since; each of these says here how to
forget it too (`keeps`), so that no code that rolls back has to know them.
"""

from collections.abc import Callable
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

Mark = Callable[[Session], Any]
Back = Callable[[Session, Any], None]

_KEPT: list[tuple[Mark, Back]] = []
_OPEN = "qcdc_savepoint_marks"
_ENDED = "qcdc_savepoint_ended"


def keeps(mark: Mark, back: Back) -> None:
    """Register something a session holds: `mark(session)` is taken as each savepoint begins, and
    `back(session, mark)` called when the transaction is rolled back to that savepoint."""
    _KEPT.append((mark, back))


@event.listens_for(Session, "after_transaction_create")
def _began(session: Session, transaction: SessionTransaction) -> None:
    if transaction.nested:
        session.info.setdefault(_OPEN, {})[transaction] = [mark(session) for mark, _ in _KEPT]


@event.listens_for(Session, "after_transaction_end")
def _ended(session: Session, transaction: SessionTransaction) -> None:
    # A savepoint's end comes before the news that it was rolled back (`after_soft_rollback`): its
    # marks wait for that news until the next savepoint ends.
    if transaction.nested:
        session.info[_ENDED] = (transaction, session.info.get(_OPEN, {}).pop(transaction, None))


@event.listens_for(Session, "after_soft_rollback")
def _rolled_back(session: Session, previous_transaction: SessionTransaction) -> None:
    ended, marks = session.info.pop(_ENDED, (None, None))
    if previous_transaction.nested and ended is previous_transaction and marks is not None:
        for (_, back), mark in zip(_KEPT, marks, strict=True):
            back(session, mark)
