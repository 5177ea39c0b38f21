"""A principal's jurisdiction: the subtree of units it may see and change.

Repositories take one and apply it to every query they build, so scoping cannot be forgotten by
an endpoint. Outside it an object does not exist (404, not 403: existence must not leak).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Jurisdiction:
    # Materialised path of the root unit (`/<id>/…/`), or None for the whole country.
    unit_path: str | None

    @property
    def nationwide(self) -> bool:
        return self.unit_path is None

    def covers(self, path: str | None) -> bool:
        """Whether a unit with this path (None: a nationwide object) lies inside."""
        if self.unit_path is None:
            return True
        return path is not None and path.startswith(self.unit_path)
