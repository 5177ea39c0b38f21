"""Which kinds of unit may sit under which, and which share a code space.

Administrative units follow the law's hierarchy (province → district until 30 June 2025 →
commune, ward, town or special zone → village or residential group); agencies, public service
units, enterprises and Party and Front bodies attach to any unit, or stand at the top.
"""

from api.units.models import UnitKind as K

COMMUNE_LEVEL = frozenset({K.COMMUNE, K.WARD, K.TOWN, K.SPECIAL_ZONE})
VILLAGE_LEVEL = frozenset({K.VILLAGE, K.RESIDENTIAL_GROUP})
ORGANIZATIONS = frozenset(
    {K.AGENCY, K.PUBLIC_SERVICE_UNIT, K.ENTERPRISE, K.PARTY_BODY, K.FRONT_BODY, K.OTHER}
)

# None: any parent, or none at all.
ALLOWED_PARENTS: dict[K, frozenset[K] | None] = {
    K.PROVINCE: frozenset(),
    K.DISTRICT: frozenset({K.PROVINCE}),
    **{kind: frozenset({K.PROVINCE, K.DISTRICT}) for kind in COMMUNE_LEVEL},
    **dict.fromkeys(VILLAGE_LEVEL, COMMUNE_LEVEL),
    **dict.fromkeys(ORGANIZATIONS),
}


def code_family(kind: K) -> str:
    if kind in COMMUNE_LEVEL:
        return "commune"
    if kind in VILLAGE_LEVEL:
        return "village"
    if kind in ORGANIZATIONS:
        return "organization"
    return kind.value


def parent_allowed(kind: K, parent_kind: K | None) -> bool:
    allowed = ALLOWED_PARENTS[kind]
    if allowed is None:
        return True
    if parent_kind is None:
        return not allowed
    return parent_kind in allowed


def describe_parents(kind: K) -> str:
    allowed = ALLOWED_PARENTS[kind]
    if allowed is None:
        return "any unit, or none"
    if not allowed:
        return "none (it is a root)"
    return ", ".join(sorted(k.value for k in allowed))
