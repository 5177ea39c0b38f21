"""Likely duplicates of a case: the same person (by identity-number digest) or nearly the same
words, received from 90 days before it on, where the principal can see
(`GET /petitions/{id}/duplicate-suggestions`, which the SPA calls once a case is recorded).

They are asked for apart from the create, not computed by it: a create then costs one statement
and, on PostgreSQL, the 3 ms of trigram scoring less (bench/README.md), which an integrator or a
script loading cases never reads; an officer sees them a moment after the case is saved.

One statement, whose cost does not grow with a unit's history: the case is compared with the
newest cases of its receiving and handling units in the window (at most `PER_UNIT` each, read
backwards along the units' indexes on `received_on`) and with the cases naming the same person
(through the identity-digest indexes); nothing else is read, and the cases' content never leaves
the database.

- PostgreSQL scores words with pg_trgm's `similarity` between the cases' `search_text` (folded
  reference, subject, start of the content and — never for a denunciation — petitioners' names),
  in the statement itself, and answers only the suggestions. Trigrams count shared words more
  generously than the word pairs compared before (two unrelated land complaints of one ward share
  "khieu nai", "quyet dinh", "thu hoi dat", the ward's name…), so the bar is higher: at 0.7, over
  the 90 days of the bench's three busiest wards (102,000 pairs of cases), it flags 281 pairs and
  finds 78 of the 82 that the word pairs put at 50 % or more.
- SQLite has no trigrams: the same statement answers the compared cases' subjects, and their share
  of folded words in common is the score — a cheaper, rougher approximation: on the same wards it
  flags 2,502 pairs and finds 51 of the 82 (the bench's subjects repeat a few hundred phrases, real
  ones vary more), and a resubmission with a reworded subject is found only through its
  petitioner's identity number.

A denouncer is matched only for principals allowed to know who denounced: otherwise a complaint
by the same person would reveal it. Denunciations carry no names in their `search_text`, so the
words compared never hold a denouncer's either.
"""

import re
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from api.core.access import Principal
from api.core.permissions import Permission
from api.core.text import fold
from api.petitions.models import Petition
from api.petitions.repository import PetitionRepository
from api.petitions.schemas import DuplicateSuggestion

WINDOW = timedelta(days=90)
# The newest cases of each of the new case's units compared with it, which bounds the work: a busy
# ward receives some 250 cases in 90 days, so its words are compared with its last two months or so,
# and a surge (a campaign about one project) with its newest cases, the ones it repeats. The same
# person is found over the whole window.
PER_UNIT = 200
# pg_trgm similarity of the searched words (PostgreSQL).
TRIGRAM_THRESHOLD = 0.7
# Share of the subjects' words in common (SQLite).
SUBJECT_THRESHOLD = 0.5
MAX_SUGGESTIONS = 5

_WORD = re.compile(r"\w\w+")


def words(text: str) -> set[str]:
    """The folded words of a text, punctuation and one-letter words aside."""
    return set(_WORD.findall(fold(text)))


def overlap(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _reasons(same_person: bool, similar: bool) -> list[str]:
    return [r for r, yes in (("same_identity_number", same_person), ("similar_content", similar)) if yes]


async def suggest(
    session: AsyncSession, principal: Principal, petition: Petition
) -> list[DuplicateSuggestion]:
    """The likely duplicates of a case, most likely first (more reasons, then more alike, then
    newer)."""
    repo = PetitionRepository(session, principal)
    since = petition.received_on - WINDOW
    denouncers = principal.can(Permission.PETITIONS_CONFIDENTIAL)
    if repo.dialect == "postgresql":
        rows = await repo.similar(
            petition,
            since,
            denouncers=denouncers,
            per_unit=PER_UNIT,
            threshold=TRIGRAM_THRESHOLD,
            limit=MAX_SUGGESTIONS,
        )
        return [
            DuplicateSuggestion.from_model(
                row,
                reasons=_reasons(row.same_person, row.similarity >= TRIGRAM_THRESHOLD),
                similarity=round(row.similarity, 3),
            )
            for row in rows
        ]
    mine = words(petition.subject)
    out = []
    for row in await repo.compared(petition, since, denouncers=denouncers, per_unit=PER_UNIT):
        score = overlap(mine, words(row.subject))
        reasons = _reasons(bool(row.same_person), score >= SUBJECT_THRESHOLD)
        if reasons:
            out.append(DuplicateSuggestion.from_model(row, reasons=reasons, similarity=round(score, 3)))
    # Stable: among equals, the newest first, as the rows came.
    out.sort(key=lambda s: (len(s.reasons), s.similarity), reverse=True)
    return out[:MAX_SUGGESTIONS]
