"""Every query on jobs: a principal sees the jobs it asked for; a nationwide administrator
(`users:manage` over the whole country) sees every job, the service's periodic ones included."""

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Select

from api.core.permissions import Permission
from api.core.repository import Repository
from api.jobs.models import Job
from api.jobs.schemas import SORTING, JobListQuery


class JobRepository(Repository[Job, JobListQuery]):
    model = Job
    sorting = SORTING
    not_found_code = "job_not_found"
    noun = "Job"

    def scope(self, stmt: Select[Any]) -> Select[Any]:
        if sees_every_job(
            self.principal.jurisdiction.nationwide, self.principal.can(Permission.USERS_MANAGE)
        ):
            return stmt
        return stmt.where(Job.principal_id == self.principal.id, Job.principal_kind == self.principal.kind)

    def filter(self, stmt: Select[Any], query: JobListQuery, named: Mapping[str, Any]) -> Select[Any]:
        if query.state:
            stmt = stmt.where(Job.state.in_(query.state))
        if query.kind:
            stmt = stmt.where(Job.kind.in_(query.kind))
        return stmt


def sees_every_job(nationwide: bool, manages_users: bool) -> bool:
    """Jobs carry whatever their kind reads (an export of a province's cases): only who already
    sees the whole country and runs the service may look at other principals' jobs."""
    return nationwide and manages_users
