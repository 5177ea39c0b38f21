"""Likely duplicates of a new case: the same person (by identity-number digest) or nearly the
same words, received in the last 90 days where the principal can see.

Words are compared after Vietnamese folding ("Thu hồi đất" = "thu hoi dat"), as sets of word
pairs, so "quyết định thu hồi đất số 12" and "QĐ 12 thu hồi đất" still meet on what matters.
A denouncer is matched only for principals allowed to know who denounced: otherwise a complaint
by the same person would reveal it.
"""

import itertools
import uuid
from datetime import timedelta

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.core.text import fold
from api.petitions.models import DenouncerIdentity, Petition, Petitioner
from api.petitions.repository import PetitionRepository
from api.petitions.schemas import DuplicateSuggestion

WINDOW = timedelta(days=90)
THRESHOLD = 0.5
MAX_CANDIDATES = 500
MAX_SUGGESTIONS = 5


def shingles(text: str) -> set[str]:
    words = [w for w in fold(text).split() if len(w) > 1]
    if len(words) < 2:
        return set(words)
    return {f"{a} {b}" for a, b in itertools.pairwise(words)}


def similarity(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


async def _same_person(
    session: AsyncSession, repo: PetitionRepository, petition: Petition, digests: set[str], confidential: bool
) -> set[uuid.UUID]:
    if not digests:
        return set()
    tables: list[type[Petitioner] | type[DenouncerIdentity]] = [Petitioner]
    if confidential:
        tables.append(DenouncerIdentity)
    ids = set()
    for table in tables:
        stmt = (
            repo.select()
            .with_only_columns(Petition.id)
            .where(
                Petition.id.in_(select(table.petition_id).where(table.identity_digest.in_(digests))),
                Petition.id != petition.id,
                Petition.received_on >= petition.received_on - WINDOW,
            )
        )
        ids |= set(await session.scalars(stmt))
    return ids


async def suggest(
    session: AsyncSession, repo: PetitionRepository, petition: Petition, digests: set[str], confidential: bool
) -> list[DuplicateSuggestion]:
    same_person = await _same_person(session, repo, petition, digests, confidential)
    near = repo.select().where(
        Petition.id != petition.id,
        Petition.received_on >= petition.received_on - WINDOW,
        or_(
            Petition.receiving_unit_id == petition.receiving_unit_id,
            Petition.handling_unit_id == petition.handling_unit_id,
            Petition.id.in_(same_person),
        ),
    )
    candidates = await session.scalars(near.order_by(Petition.received_on.desc()).limit(MAX_CANDIDATES))
    mine = shingles(f"{petition.subject} {petition.content}")
    out = []
    for other in candidates:
        score = similarity(mine, shingles(f"{other.subject} {other.content}"))
        reasons = []
        if other.id in same_person:
            reasons.append("same_identity_number")
        if score >= THRESHOLD:
            reasons.append("similar_content")
        if reasons:
            out.append(
                DuplicateSuggestion(
                    id=other.id,
                    reference=other.reference,
                    subject=other.subject,
                    received_on=other.received_on,
                    status=other.status,
                    reasons=reasons,
                    similarity=round(score, 3),
                )
            )
    out.sort(key=lambda s: (len(s.reasons), s.similarity), reverse=True)
    return out[:MAX_SUGGESTIONS]
