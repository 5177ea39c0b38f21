"""What a reader sees of the audit log.

An event may name what the reader may not see (a link to a case of another jurisdiction): the
domain that owns the event's resource type says how such a reader sees its `changes`
(`api.core.audit.register_redaction`), and this page applies it. The stored events, hash-chained,
are never changed: only the answer is.
"""

from collections import defaultdict

from api.audit.repository import AuditEventRepository
from api.audit.schemas import AuditEventRead, AuditQuery
from api.core import audit
from api.core.pagination import CursorCodec
from api.core.schemas import Page


async def list_events(
    events: AuditEventRepository, query: AuditQuery, codec: CursorCodec
) -> Page[AuditEventRead]:
    """A page of events as the reader may see them: a nationwide reader sees them as stored."""
    page = await events.page(query, codec)
    items = [AuditEventRead.model_validate(row) for row in page.items]
    if not events.jurisdiction.nationwide:
        items = await _as_seen(events, items)
    return Page[AuditEventRead](items=items, next_cursor=page.next_cursor, total=page.total)


async def _as_seen(events: AuditEventRepository, items: list[AuditEventRead]) -> list[AuditEventRead]:
    """The items with their `changes` redacted, one call per resource type that registers a redaction."""
    by_type: dict[str, list[AuditEventRead]] = defaultdict(list)
    for item in items:
        by_type[item.resource_type].append(item)
    seen: dict[int, dict[str, object]] = {}
    for resource_type, group in by_type.items():
        redact = audit.redaction(resource_type)
        if redact is not None:
            changes = await redact(events.session, events.principal, [i.changes for i in group])
            seen.update(zip((id(i) for i in group), changes, strict=True))
    return [i.model_copy(update={"changes": seen[id(i)]}) if id(i) in seen else i for i in items]
