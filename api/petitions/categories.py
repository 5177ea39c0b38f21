"""The subject taxonomy shipped with the product; administrators add to it (PUT /petitions/categories/{code})."""

# (code, Vietnamese name, English name)
OFFICIAL_CATEGORIES: list[tuple[str, str, str]] = [
    ("land", "Đất đai", "Land"),
    (
        "compensation",
        "Bồi thường, hỗ trợ, tái định cư, giải phóng mặt bằng",
        "Compensation and site clearance",
    ),
    ("social_policy", "Chính sách xã hội", "Social policy"),
    ("officials_conduct", "Tinh thần, thái độ, trách nhiệm của cán bộ", "Conduct of officials"),
    ("environment", "Môi trường", "Environment"),
    ("administrative_procedures", "Thủ tục hành chính", "Administrative procedures"),
    ("other", "Khác", "Other"),
]
