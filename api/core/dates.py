"""Legal time: days are counted in Vietnam's time zone, whatever the server's clock zone."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def today_in_vietnam() -> date:
    return datetime.now(VIETNAM).date()
