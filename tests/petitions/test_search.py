"""Search words are written into the statement rather than bound (see PetitionRepository.filtered):
quotes, backslashes, `%` and `_` must still match literally, never as SQL or as wildcards."""

import httpx
import pytest

from api.units.models import Unit
from tests.petitions.conftest import receive


@pytest.mark.parametrize("word", ["o'neil", "50%", "a_b", "c\\d", "'); DROP TABLE petitions; --"])
async def test_search_words_match_literally(
    client: httpx.AsyncClient, tree: dict[str, Unit], word: str
) -> None:
    plain = await receive(client, tree["ward"], subject="Khiếu nại việc cấp giấy chứng nhận")
    marked = await receive(client, tree["ward"], subject=f"Khiếu nại ghi chú {word}")
    r = await client.get("/api/v1/petitions", params={"q": word})
    assert r.status_code == 200, r.text
    ids = [p["id"] for p in r.json()["items"]]
    assert marked["id"] in ids and plain["id"] not in ids
    # A wildcard of SQL is a character like any other.
    r = await client.get("/api/v1/petitions", params={"q": "%"})
    assert r.status_code == 200 and plain["id"] not in [p["id"] for p in r.json()["items"]]
