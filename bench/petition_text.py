"""Words for the synthetic petitions: subjects, contents and people that read like the real ones.

Every piece is kept with its folded form (api/core/text.py), so the generator builds a case's
`search_text` by joining folded pieces instead of folding a million contents: folding works
character by character and collapses spaces, so `fold(" ".join(parts))` equals
`" ".join(fold(p) for p in parts)` for pieces without outer spaces. The loader checks a sample
against `api.petitions.service.search_text` all the same.
"""

import random
from dataclasses import dataclass
from functools import cache

from api.core.text import fold
from api.petitions.models import PetitionKind


@cache
def folded(text: str) -> str:
    return fold(text)


@dataclass(frozen=True)
class Piece:
    """A text with `{slot}` fields, and the same with its words folded."""

    text: str
    key: str

    def fill(self, values: dict[str, tuple[str, str]]) -> tuple[str, str]:
        """The text and its folded form with each slot replaced by (text, folded) `values[slot]`."""
        return (
            self.text.format_map({k: v[0] for k, v in values.items()}),
            self.key.format_map({k: v[1] for k, v in values.items()}),
        )


def _pieces(*texts: str) -> tuple[Piece, ...]:
    return tuple(Piece(t, fold(t)) for t in texts)


VERBS = {
    PetitionKind.COMPLAINT: "Khiếu nại",
    PetitionKind.DENUNCIATION: "Tố cáo",
    PetitionKind.PETITION: "Kiến nghị",
    PetitionKind.REFLECTION: "Phản ánh",
}

# What a case is about, by category; the subject is the kind's verb and one of these.
OBJECTS: dict[str, tuple[str, ...]] = {
    "land": (
        "quyết định thu hồi đất nông nghiệp",
        "việc cấp giấy chứng nhận quyền sử dụng đất",
        "tranh chấp ranh giới thửa đất giữa hai hộ",
        "việc lấn chiếm đất công để xây dựng công trình",
        "việc chuyển mục đích sử dụng đất vườn",
        "việc điều chỉnh quy hoạch sử dụng đất",
        "việc đo đạc, cắm mốc giới sai diện tích",
        "việc giao đất rừng sản xuất không đúng đối tượng",
        "việc lấn chiếm hành lang kênh mương thủy lợi",
    ),
    "compensation": (
        "phương án bồi thường, hỗ trợ khi thu hồi đất",
        "đơn giá bồi thường cây trồng, tài sản trên đất",
        "việc bố trí đất tái định cư",
        "tiến độ chi trả tiền bồi thường giải phóng mặt bằng",
        "việc hỗ trợ chuyển đổi nghề nghiệp, tìm kiếm việc làm",
        "việc kiểm đếm tài sản khi giải phóng mặt bằng dự án đường tỉnh",
    ),
    "social_policy": (
        "việc bình xét hộ nghèo, hộ cận nghèo",
        "chế độ trợ cấp người có công với cách mạng",
        "việc cấp thẻ bảo hiểm y tế cho người dân tộc thiểu số",
        "chế độ trợ cấp xã hội cho người cao tuổi",
        "việc hỗ trợ xóa nhà tạm, nhà dột nát",
        "chế độ đối với cán bộ không chuyên trách sau sắp xếp",
    ),
    "officials_conduct": (
        "thái độ của công chức bộ phận một cửa",
        "việc cán bộ địa chính gây phiền hà, sách nhiễu",
        "hành vi nhận tiền trái quy định khi giải quyết hồ sơ",
        "việc trưởng thôn thu các khoản đóng góp không đúng quy định",
        "việc chậm giải quyết hồ sơ của công chức tư pháp",
        "việc thiếu công khai, minh bạch trong bình xét hỗ trợ",
    ),
    "environment": (
        "ô nhiễm tiếng ồn, khói bụi từ xưởng sản xuất",
        "việc xả nước thải chưa qua xử lý ra suối",
        "việc tập kết rác thải sai nơi quy định",
        "hoạt động khai thác cát, sỏi trái phép trên sông",
        "mùi hôi từ trang trại chăn nuôi lợn",
        "việc đốt rơm rạ, rác thải gây khói mù",
    ),
    "administrative_procedures": (
        "việc chậm trả kết quả hồ sơ đăng ký đất đai",
        "thủ tục chứng thực hợp đồng chuyển nhượng",
        "việc yêu cầu bổ sung giấy tờ không đúng quy định",
        "thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ",
        "việc đăng ký hộ kinh doanh qua dịch vụ công trực tuyến",
        "việc cấp lại giấy khai sinh, trích lục hộ tịch",
    ),
    "other": (
        "việc sửa chữa đường giao thông nông thôn bị xuống cấp",
        "tình trạng mất điện kéo dài vào mùa khô",
        "việc nuôi chó thả rông gây mất an toàn",
        "việc dựng rạp đám cưới lấn chiếm lòng đường",
        "việc thu phí vệ sinh môi trường",
        "việc nước sinh hoạt bị đục, có mùi lạ",
    ),
}

CATEGORY_WEIGHTS: dict[PetitionKind, dict[str, int]] = {
    PetitionKind.COMPLAINT: {
        "land": 38,
        "compensation": 30,
        "social_policy": 10,
        "officials_conduct": 6,
        "environment": 4,
        "administrative_procedures": 8,
        "other": 4,
    },
    PetitionKind.DENUNCIATION: {
        "land": 22,
        "compensation": 10,
        "social_policy": 8,
        "officials_conduct": 40,
        "environment": 12,
        "administrative_procedures": 3,
        "other": 5,
    },
    PetitionKind.PETITION: {
        "land": 20,
        "compensation": 12,
        "social_policy": 20,
        "officials_conduct": 4,
        "environment": 10,
        "administrative_procedures": 14,
        "other": 20,
    },
    PetitionKind.REFLECTION: {
        "land": 15,
        "compensation": 6,
        "social_policy": 12,
        "officials_conduct": 10,
        "environment": 22,
        "administrative_procedures": 15,
        "other": 20,
    },
}

OPENINGS = _pieces(
    "{title} {name}, trú tại {village}, {commune}, {verb_lower} về {object}.",
    "Ngày {day}, {title_lower} {name} ở {village}, {commune} có đơn {verb_lower} về {object}.",
    "{title} {name} (địa chỉ: {village}, {commune}) trình bày: gia đình bị ảnh hưởng bởi {object}.",
)
# A denunciation's content never names the denouncer: it would be searchable.
ANONYMOUS_OPENINGS = _pieces(
    "Người tố cáo cư trú tại {commune} tố cáo về {object}.",
    "Đơn tố cáo gửi ngày {day} phản ánh {object} tại {village}, {commune}.",
    "Công dân tố cáo {object}, sự việc xảy ra tại {village}.",
)
DETAILS: dict[str, tuple[Piece, ...]] = {
    "land": _pieces(
        "Thửa đất số {n1}, tờ bản đồ số {n2}, diện tích {area} m2 gia đình sử dụng ổn định từ năm {year}.",
        "Theo Quyết định số {n1}/QĐ-UBND ngày {day}, Ủy ban nhân dân đã thu hồi {area} m2 đất của hộ gia đình.",
        "Hộ liền kề xây tường rào lấn sang khoảng {small} m2 đất của gia đình.",
        "Hồ sơ đề nghị cấp giấy chứng nhận nộp từ năm {year} đến nay chưa được giải quyết.",
        "Diện tích đo đạc thực tế chênh lệch {small} m2 so với bản đồ địa chính.",
    ),
    "compensation": _pieces(
        "Đơn giá bồi thường {price} đồng/m2 thấp hơn nhiều so với giá chuyển nhượng thực tế.",
        "Gia đình có {small} cây keo, {n2} cây quế chưa được kiểm đếm đầy đủ.",
        "Tiền hỗ trợ di dời chuồng trại {price} đồng chưa được chi trả.",
        "Lô đất tái định cư số {n1} được bố trí xa trung tâm, không có đường vào.",
    ),
    "social_policy": _pieces(
        "Gia đình có {n2} nhân khẩu, thu nhập bình quân thấp nhưng không được bình xét hộ nghèo năm {year}.",
        "Hồ sơ đề nghị hưởng trợ cấp nộp ngày {day} chưa được xem xét.",
        "Mẹ của người viết đơn năm nay {age} tuổi chưa được hưởng trợ cấp xã hội hằng tháng.",
        "Danh sách hỗ trợ nhà ở năm {year} không được niêm yết công khai tại nhà văn hóa thôn.",
    ),
    "officials_conduct": _pieces(
        "Khi đến nộp hồ sơ ngày {day}, công chức tiếp nhận có thái độ thiếu tôn trọng người dân.",
        "Cán bộ yêu cầu nộp thêm {price} đồng ngoài mức phí quy định.",
        "Hồ sơ bị trả lại {n2} lần mà không có phiếu hướng dẫn bằng văn bản.",
        "Trưởng thôn thu mỗi hộ {price} đồng để làm đường nhưng không công khai thu chi.",
    ),
    "environment": _pieces(
        "Xưởng hoạt động cả ban đêm, tiếng ồn vượt quá mức cho phép từ tháng {month} năm {year}.",
        "Nước thải chảy ra suối gần khu dân cư làm chết cá, ảnh hưởng đến {n2} hộ dân.",
        "Bãi rác tự phát rộng khoảng {small} m2 nằm sát trường tiểu học.",
        "Tàu hút cát hoạt động trái phép gây sạt lở bờ sông dài khoảng {small} m.",
    ),
    "administrative_procedures": _pieces(
        "Hồ sơ nộp ngày {day} theo phiếu hẹn số {n1} đã quá hạn trả kết quả.",
        "Bộ phận một cửa yêu cầu bổ sung bản sao giấy tờ đã có trong cơ sở dữ liệu quốc gia về dân cư.",
        "Hệ thống dịch vụ công trực tuyến báo lỗi, hồ sơ số {n1} không được tiếp nhận.",
    ),
    "other": _pieces(
        "Đoạn đường dài khoảng {small} m qua thôn bị sạt lở, xe máy đi lại khó khăn.",
        "Từ tháng {month} năm {year} khu dân cư thường xuyên mất điện vào buổi tối.",
        "Đàn chó thả rông đã cắn {n2} người trong thôn.",
        "Việc dựng rạp kéo dài {n2} ngày gây cản trở giao thông.",
    ),
}
COMMON_DETAILS = _pieces(
    "Sự việc đã được phản ánh tại buổi tiếp công dân nhưng chưa được giải quyết dứt điểm.",
    "Gia đình đã nhiều lần gửi đơn đến thôn và Ủy ban nhân dân cấp xã.",
    "Việc làm trên ảnh hưởng trực tiếp đến quyền và lợi ích hợp pháp của gia đình.",
    "Kèm theo đơn có bản sao các giấy tờ liên quan và ảnh chụp hiện trạng.",
    "Hội nghị hòa giải ở cơ sở ngày {day} không thành.",
)
REQUESTS = _pieces(
    "Đề nghị cơ quan có thẩm quyền xem xét, giải quyết theo quy định của pháp luật.",
    "Đề nghị kiểm tra, xử lý nghiêm và trả lời bằng văn bản cho công dân.",
    "Đề nghị hủy bỏ quyết định nêu trên và bồi thường thiệt hại cho gia đình.",
    "Đề nghị Ủy ban nhân dân {commune} tổ chức đối thoại để làm rõ sự việc.",
    "Đề nghị công khai kết quả giải quyết tại trụ sở và nhà văn hóa thôn.",
)

SURNAMES = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ",
    "Ngô", "Dương", "Lý", "Phan", "Trịnh", "Đinh", "Mai", "Cao", "Tạ", "Lưu",
)  # fmt: skip
UPLAND_SURNAMES = (
    "Nông", "Lục", "Bế", "Đàm", "Triệu", "Hà", "Lương", "Hoàng", "Lò", "Quàng",
    "Vi", "Ma", "Sầm", "Chu", "Nguyễn",
)  # fmt: skip
MALE_MIDDLE = ("Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Thanh", "Xuân", "Ngọc", "Đình")
FEMALE_MIDDLE = ("Thị", "Thị", "Thị", "Ngọc", "Thu", "Minh", "Thanh", "Kim", "Hồng")
MALE_GIVEN = (
    "An", "Bình", "Cường", "Dũng", "Hùng", "Hải", "Khải", "Long", "Mạnh", "Nam",
    "Phúc", "Quân", "Sơn", "Thắng", "Toàn", "Tuấn", "Việt", "Vinh", "Hiếu", "Trung",
    "Khánh", "Lâm", "Tài", "Thành", "Đạt", "Huy", "Kiên", "Lợi", "Nghĩa", "Sáng",
)  # fmt: skip
FEMALE_GIVEN = (
    "Anh", "Chi", "Dung", "Hà", "Hằng", "Hoa", "Hương", "Lan", "Liên", "Mai",
    "Ngọc", "Nhung", "Oanh", "Phương", "Quyên", "Thảo", "Thu", "Trang", "Tuyết", "Xuân",
    "Yến", "Loan", "Huyền", "Thơm", "Nga", "Hạnh", "Diệp", "Lụa", "Thắm", "Vân",
)  # fmt: skip

HOSTS = {
    "pc_chairman": "Chủ tịch UBND",
    "party_secretary": "Bí thư Đảng ủy",
    "pc_vice_chairman": "Phó Chủ tịch UBND",
    "officer": "Công chức tiếp công dân",
}
RECEPTION_TOPICS = tuple(o for objects in OBJECTS.values() for o in objects[:3])


def person(rng: random.Random, upland: bool) -> tuple[str, bool]:
    """A full name and whether it is a woman's."""
    woman = rng.random() < 0.42
    surname = rng.choice(UPLAND_SURNAMES if upland and rng.random() < 0.7 else SURNAMES)
    middle = rng.choice(FEMALE_MIDDLE if woman else MALE_MIDDLE)
    given = rng.choice(FEMALE_GIVEN if woman else MALE_GIVEN)
    return f"{surname} {middle} {given}", woman
