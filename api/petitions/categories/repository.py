"""Every query on the subject taxonomy: nationwide reference data, the same for every reader,
changed only by a nationwide principal (`api.core.coded`)."""

from api.core.coded import CodedRepository
from api.petitions.models import CATEGORIES_CACHE_KEY, PetitionCategory


class CategoryRepository(CodedRepository[PetitionCategory]):
    """Categories: the codes a case is filed under."""

    model = PetitionCategory
    not_found_code = "category_not_found"
    noun = "Category"
    changes = "changes the categories"
    cache_key = CATEGORIES_CACHE_KEY
    described = "category"
