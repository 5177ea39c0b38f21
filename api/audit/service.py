"""What a reader sees of the audit log.

The log reads across domains (an event may name a case of another jurisdiction), so this sits
above them like a report: it asks the petitions domain what a reader may see of a link. The stored
events, hash-chained, are never changed: only the answer is.
"""

from api.audit.repository import AuditEventRepository
from api.audit.schemas import AuditEventRead, AuditQuery
from api.core.pagination import CursorCodec
from api.core.schemas import Page
from api.petitions.service import link_audit_changes


async def list_events(
    events: AuditEventRepository, query: AuditQuery, codec: CursorCodec
) -> Page[AuditEventRead]:
    """A page of events as the reader may see them: a link between two cases, one of them outside
    the jurisdiction, does not name that one."""
    page = await events.page(query, codec)
    items = [AuditEventRead.model_validate(row) for row in page.items]
    links = [i for i in items if i.resource_type == "petition_link"]
    if links and not events.jurisdiction.nationwide:
        seen = await link_audit_changes(events.session, events.principal, [i.changes for i in links])
        redacted = {id(i): changes for i, changes in zip(links, seen, strict=True)}
        items = [i.model_copy(update={"changes": redacted[id(i)]}) if id(i) in redacted else i for i in items]
    return Page[AuditEventRead](items=items, next_cursor=page.next_cursor, total=page.total)
