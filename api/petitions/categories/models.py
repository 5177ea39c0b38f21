"""The subject taxonomy of cases (land, social policy, conduct of officials, …): reference data of
the whole country, shipped by the petitions migration and extended by nationwide administrators."""

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from api.core.db import Base


class PetitionCategory(Base):
    """The configurable taxonomy of subjects (land, social policy, conduct of officials, …)."""

    __tablename__ = "petition_categories"
    __audit__ = "petition_category"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name_vi: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)
