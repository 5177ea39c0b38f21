"""Likely duplicates of a new case: the same person (by identity-number digest) or nearly the
same words, received in the last 90 days where the principal can see.

Words are compared after Vietnamese folding ("Thu hồi đất" = "thu hoi dat"), as sets of word
pairs, so "quyết định thu hồi đất số 12" and "QĐ 12 thu hồi đất" still meet on what matters.
A denouncer is matched only for principals allowed to know who denounced: otherwise a complaint
by the same person would reveal it.
"""

import itertools
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from api.core.access import Principal
from api.core.permissions import Permission
from api.core.text import fold
from api.petitions.models import Petition
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


async def suggest(
    session: AsyncSession, principal: Principal, petition: Petition, digests: set[str]
) -> list[DuplicateSuggestion]:
    """The likely duplicates of a new case, most likely first."""
    repo = PetitionRepository(session, principal)
    since = petition.received_on - WINDOW
    confidential = principal.can(Permission.PETITIONS_CONFIDENTIAL)
    same_person = await repo.same_person(petition, digests, since, denouncers=confidential)
    mine = shingles(f"{petition.subject} {petition.content}")
    out = []
    for other in await repo.near(petition, same_person, since, MAX_CANDIDATES):
        score = similarity(mine, shingles(f"{other.subject} {other.content}"))
        reasons = []
        if other.id in same_person:
            reasons.append("same_identity_number")
        if score >= THRESHOLD:
            reasons.append("similar_content")
        if reasons:
            out.append(DuplicateSuggestion.from_model(other, reasons=reasons, similarity=round(score, 3)))
    out.sort(key=lambda s: (len(s.reasons), s.similarity), reverse=True)
    return out[:MAX_SUGGESTIONS]
