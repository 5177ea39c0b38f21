"""The official days off (and worked weekend days) of 2025-2027, shipped with the product.

Statutory holidays come from the Labour Code 2019, Art. 112 (New Year 1 day, Lunar New Year 5,
Hùng Kings 1, 30 April and 1 May, National Day 2 from 2021); a holiday falling on a weekend is
taken on the next working day (Art. 112(3)). The Lunar New Year break and the swaps of each year
(a weekday off for civil servants in exchange for a worked Saturday) follow that year's notice of
the competent ministry, approved by the Prime Minister: Notice 6150/TB-BLĐTBXH for 2025, Notice
9441/TB-BNV and Official Letter 12729/VPCP-KGVX for 2026. 2027's break is not decided yet, so its
days are the statutory ones and marked provisional — an administrator corrects them when the
decision is published.

A database migrated earlier receives what is added here through a migration of its own, with the
data written in it (migrations/versions/2026-11-29-0700_calendar_2026_day_swaps.py).
"""

from datetime import date

from api.calendar.models import DayKind

LABOUR_CODE = "Bộ luật Lao động 2019, Điều 112"
NOTICE_6150 = "Thông báo 6150/TB-BLĐTBXH năm 2024 của Bộ Lao động - Thương binh và Xã hội"
NOTICE_9441 = "Thông báo 9441/TB-BNV ngày 16/10/2025 của Bộ Nội vụ"
NEW_YEAR_2026 = "Công văn 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ (hoán đổi ngày làm việc dịp Tết Dương lịch 2026)"
OFF, WORK = DayKind.DAY_OFF, DayKind.WORKING_DAY

# (day, kind, name, legal basis)
OFFICIAL_DAYS: list[tuple[date, DayKind, str, str]] = [
    # 2025
    (date(2025, 1, 1), OFF, "Tết Dương lịch", LABOUR_CODE),
    *[
        (
            date(2025, 1, d),
            OFF,
            "Tết Nguyên đán Ất Tỵ",
            LABOUR_CODE + "; " + NOTICE_6150,
        )
        for d in (27, 28, 29, 30, 31)
    ],
    (date(2025, 4, 7), OFF, "Giỗ Tổ Hùng Vương (10/3 âm lịch)", LABOUR_CODE),
    (date(2025, 4, 30), OFF, "Ngày Chiến thắng (30/4)", LABOUR_CODE),
    (date(2025, 5, 1), OFF, "Ngày Quốc tế Lao động (1/5)", LABOUR_CODE),
    (date(2025, 5, 2), OFF, "Nghỉ hoán đổi dịp 30/4-1/5", NOTICE_6150 + " (làm bù 26/4/2025)"),
    (date(2025, 4, 26), WORK, "Làm bù cho ngày 2/5/2025", NOTICE_6150),
    (date(2025, 9, 1), OFF, "Quốc khánh (ngày liền kề)", LABOUR_CODE),
    (date(2025, 9, 2), OFF, "Quốc khánh (2/9)", LABOUR_CODE),
    # 2026
    (date(2026, 1, 1), OFF, "Tết Dương lịch", LABOUR_CODE),
    (date(2026, 1, 2), OFF, "Nghỉ hoán đổi dịp Tết Dương lịch (làm bù thứ Bảy 10/1/2026)", NEW_YEAR_2026),
    (date(2026, 1, 10), WORK, "Làm bù cho ngày 2/1/2026", NEW_YEAR_2026),
    *[
        (date(2026, 2, d), OFF, "Tết Nguyên đán Bính Ngọ", LABOUR_CODE + "; " + NOTICE_9441)
        for d in (16, 17, 18, 19, 20)
    ],
    (date(2026, 4, 27), OFF, "Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch rơi vào Chủ nhật 26/4)", LABOUR_CODE),
    (date(2026, 4, 30), OFF, "Ngày Chiến thắng (30/4)", LABOUR_CODE),
    (date(2026, 5, 1), OFF, "Ngày Quốc tế Lao động (1/5)", LABOUR_CODE),
    (date(2026, 8, 22), WORK, "Làm bù cho ngày 31/8/2026", NOTICE_9441),
    (date(2026, 8, 31), OFF, "Nghỉ hoán đổi dịp Quốc khánh (làm bù thứ Bảy 22/8/2026)", NOTICE_9441),
    (date(2026, 9, 1), OFF, "Quốc khánh (ngày liền kề)", LABOUR_CODE),
    (date(2026, 9, 2), OFF, "Quốc khánh (2/9)", LABOUR_CODE),
    # 2027 (provisional until the year's decision)
    (date(2027, 1, 1), OFF, "Tết Dương lịch", LABOUR_CODE),
    *[
        (
            date(2027, 2, d),
            OFF,
            "Tết Nguyên đán Đinh Mùi (tạm tính)",
            LABOUR_CODE + "; chờ quyết định năm 2027",
        )
        for d in (4, 5, 8, 9, 10)
    ],
    (date(2027, 4, 16), OFF, "Giỗ Tổ Hùng Vương (10/3 âm lịch)", LABOUR_CODE),
    (date(2027, 4, 30), OFF, "Ngày Chiến thắng (30/4)", LABOUR_CODE),
    (date(2027, 5, 3), OFF, "Nghỉ bù Ngày Quốc tế Lao động (1/5 rơi vào thứ Bảy)", LABOUR_CODE),
    (date(2027, 9, 2), OFF, "Quốc khánh (2/9)", LABOUR_CODE),
    (date(2027, 9, 3), OFF, "Quốc khánh (ngày liền kề, tạm tính)", LABOUR_CODE),
]
