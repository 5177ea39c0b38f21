"""Roles and permissions: the one place the matrix lives (published in docs and `/auth/me`).

A user's permissions are the union of its roles' and of explicit grants; an API key has exactly
the scopes it was created with. `petitions:confidential` — the only way to see a denouncer's
identity (Law on Denunciations 2018, Art. 9 and 56; a state secret) — belongs to no role: it is
granted to named people explicitly, so that reading it is always a deliberate, audited act. Who may
grant it is itself a grant, `users:grant_confidential`, also in no role: an administrator manages
people but cannot hand out the secret, nor give it to itself.
"""

from enum import StrEnum

from api.core.permissions import Permission


class Role(StrEnum):
    ADMIN = "admin"
    STEERING_COMMITTEE = "steering_committee"
    OFFICER = "officer"
    COMMITTEE_MEMBER = "committee_member"
    VIEWER = "viewer"


P = Permission
_READ_ALL = {
    P.UNITS_READ,
    P.PETITIONS_READ,
    P.RECEPTIONS_READ,
    P.INSPECTIONS_READ,
    P.COMMITTEES_READ,
    P.REPORTS_READ,
}

# Held only by named people, each by an explicit, audited grant; never by a role or an API key.
GRANTABLE = frozenset({P.PETITIONS_CONFIDENTIAL, P.USERS_GRANT_CONFIDENTIAL})

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(set(Permission) - GRANTABLE),
    Role.STEERING_COMMITTEE: frozenset(
        _READ_ALL | {P.AUDIT_READ, P.INSPECTIONS_WRITE, P.INSPECTIONS_REPORT, P.USERS_READ}
    ),
    Role.OFFICER: frozenset(
        {
            P.UNITS_READ,
            P.PETITIONS_READ,
            P.PETITIONS_WRITE,
            P.RECEPTIONS_READ,
            P.RECEPTIONS_WRITE,
            # A commune follows up what inspections recommend to it: it reads the teams and
            # recommendations that concern it (their visibility stops there) and reports on them.
            P.INSPECTIONS_READ,
            P.INSPECTIONS_REPORT,
            P.REPORTS_READ,
        }
    ),
    Role.COMMITTEE_MEMBER: frozenset({P.UNITS_READ, P.COMMITTEES_READ, P.COMMITTEES_WRITE, P.REPORTS_READ}),
    Role.VIEWER: frozenset(_READ_ALL),
}


def permissions_of(roles: list[str], grants: list[str]) -> frozenset[Permission]:
    out: set[Permission] = set()
    for role in roles:
        out |= ROLE_PERMISSIONS[Role(role)]
    out |= {Permission(g) for g in grants if Permission(g) in GRANTABLE}
    return frozenset(out)
