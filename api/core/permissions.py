"""The permissions a principal can hold; what each role holds is in api/auth/permissions.py."""

from enum import StrEnum


class Permission(StrEnum):
    UNITS_READ = "units:read"
    UNITS_WRITE = "units:write"
    USERS_READ = "users:read"
    USERS_MANAGE = "users:manage"
    API_KEYS_MANAGE = "api_keys:manage"
    AUDIT_READ = "audit:read"
    PETITIONS_READ = "petitions:read"
    PETITIONS_WRITE = "petitions:write"
    PETITIONS_CONFIDENTIAL = "petitions:confidential"
    # Granting and revoking petitions:confidential (and, nationwide, this one).
    USERS_GRANT_CONFIDENTIAL = "users:grant_confidential"
    RECEPTIONS_READ = "receptions:read"
    RECEPTIONS_WRITE = "receptions:write"
    INSPECTIONS_READ = "inspections:read"
    INSPECTIONS_WRITE = "inspections:write"
    # Following up a recommendation addressed to one's unit: taking it up, reporting progress and
    # reporting it done (the organiser verifies with inspections:write).
    INSPECTIONS_REPORT = "inspections:report"
    COMMITTEES_READ = "committees:read"
    COMMITTEES_WRITE = "committees:write"
    REPORTS_READ = "reports:read"
    # Petition categories, legal time limits and the working-day calendar.
    REFERENCE_DATA_MANAGE = "reference_data:manage"
