"""The official days off (and worked weekend days) of 2025-2027, shipped with the product.

Statutory holidays come from the Labour Code 2019, Art. 112 (New Year 1 day, Lunar New Year 5,
Hùng Kings 1, 30 April and 1 May, National Day 2 from 2021); a holiday falling on a weekend is
taken on the next working day (Art. 112(3)). The Lunar New Year break and the swaps of each year
follow that year's decision of the Ministry of Home Affairs (the Prime Minister's approval);
2027's break is not decided yet, so its days are the statutory ones and marked provisional —
an administrator corrects them when the decision is published.
"""

from datetime import date

from api.calendar.models import DayKind

LABOUR_CODE = "Bộ luật Lao động 2019, Điều 112"
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
            LABOUR_CODE + "; phương án nghỉ Tết năm 2025 của Bộ Nội vụ",
        )
        for d in (27, 28, 29, 30, 31)
    ],
    (date(2025, 4, 7), OFF, "Giỗ Tổ Hùng Vương (10/3 âm lịch)", LABOUR_CODE),
    (date(2025, 4, 30), OFF, "Ngày Chiến thắng (30/4)", LABOUR_CODE),
    (date(2025, 5, 1), OFF, "Ngày Quốc tế Lao động (1/5)", LABOUR_CODE),
    (
        date(2025, 5, 2),
        OFF,
        "Nghỉ hoán đổi dịp 30/4-1/5",
        "Phương án hoán đổi ngày làm việc năm 2025 của Bộ Nội vụ (làm bù 26/4/2025)",
    ),
    (
        date(2025, 4, 26),
        WORK,
        "Làm bù cho ngày 2/5/2025",
        "Phương án hoán đổi ngày làm việc năm 2025 của Bộ Nội vụ",
    ),
    (date(2025, 9, 1), OFF, "Quốc khánh (ngày liền kề)", LABOUR_CODE),
    (date(2025, 9, 2), OFF, "Quốc khánh (2/9)", LABOUR_CODE),
    # 2026
    (date(2026, 1, 1), OFF, "Tết Dương lịch", LABOUR_CODE),
    *[
        (
            date(2026, 2, d),
            OFF,
            "Tết Nguyên đán Bính Ngọ",
            LABOUR_CODE + "; phương án nghỉ Tết 2026 của Bộ Nội vụ",
        )
        for d in (16, 17, 18, 19, 20)
    ],
    (date(2026, 4, 27), OFF, "Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch rơi vào Chủ nhật 26/4)", LABOUR_CODE),
    (date(2026, 4, 30), OFF, "Ngày Chiến thắng (30/4)", LABOUR_CODE),
    (date(2026, 5, 1), OFF, "Ngày Quốc tế Lao động (1/5)", LABOUR_CODE),
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
