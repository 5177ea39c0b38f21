"""The petitions part of the demo dataset: about thirty cases received in 2026 by the demo communes
of Cao Bằng (Phường Thục Phán, Phường Nùng Trí Cao, Xã Xuân Trường) and the province.

Each case is received and moved through the service layer, act by act with its legal date, so its
time limits, events and audit trail are the ones the app computes. Cases that are over are dated
in the first months of 2026; cases still open are dated back from today, so that whenever the
demo is loaded some are on track, some at risk and several overdue. Every kind and most states
are here: received, accepted, verifying, dialogue, decided, effective, appealed to the second
instance, forwarded, not accepted, withdrawn (also in part), suspended, sued, concluded, closed;
denunciations extended once and twice; a group complaint with its representative; a duplicate
linked to the case it repeats. Cases received at a citizen reception link to a demo reception
session of their commune when there is one. All people are fictional.
"""

import uuid
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.core import clock
from api.core.access import Principal
from api.core.external_ref import ExternalRef
from api.core.permissions import Permission
from api.petitions import deadlines, service
from api.petitions.models import Channel, LinkKind, Outcome, Petition, PetitionKind, Stage
from api.petitions.schemas import LinkCreate, PersonIn, PetitionCreate, TransitionRequest
from api.petitions.workflows import Action
from api.receptions.models import ReceptionSession
from api.units.demo import DEMO_SOURCE
from api.units.models import CodeSystem, Unit, UnitStatus

K, C, A, Out = PetitionKind, Channel, Action, Outcome
# A day of 2026, or a number of days before the day the demo is loaded.
When = date | int

# The officers who record the acts, by the unit handling the case (fictional people; the same
# as the reception officers of the receptions demo).
OFFICERS = {
    "04": "Triệu Thị Mai",
    "01273": "Hà Thị Thu",
    "01279": "Đàm Thị Ngọc",
    "01339": "Hà Văn Tuấn",
}
ACTOR_NAMESPACE = uuid.UUID("5f0c1d7e-8a4b-4c2e-9f3a-2b6d8e1c0a97")


def d(month: int, day: int) -> date:
    return date(2026, month, day)


@dataclass(frozen=True)
class Step:
    action: Action
    on: When
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Case:
    key: str
    unit: str  # the 2025 code of the receiving unit
    kind: PetitionKind
    channel: Channel
    received: When
    subject: str
    content: str
    category: str
    people: tuple[PersonIn, ...] = ()
    steps: tuple[Step, ...] = ()
    head_count: int = 1
    complex: bool = False
    remote_area: bool | None = None
    contested_known: When | None = None
    duplicate_of: str | None = None
    related_to: str | None = None
    # Dated so that its settlement limit ends within the at-risk window whatever day the demo is
    # loaded (the days back are moved as one): weekends and holidays push a limit's end by up to
    # a week, so fixed days back would make it on track on some days.
    at_risk: bool = False


def person(
    name: str, number: str, address: str, phone: str | None = None, representative: bool = False
) -> PersonIn:
    return PersonIn(
        full_name=name, identity_number=number, address=address, phone=phone, is_representative=representative
    )


DUNG = person("Nông Văn Dũng", "004068001234", "Xóm Nà Cạn, xã Xuân Trường, tỉnh Cao Bằng", "0915234871")
MY = person(
    "Hoàng Thị Mỷ", "004172003456", "Tổ dân phố Khau Cải, phường Nùng Trí Cao, tỉnh Cao Bằng", "0982117345"
)

CASES: tuple[Case, ...] = (
    Case(
        "land-recovery-effective",
        "01339",
        K.COMPLAINT,
        C.RECEPTION,
        d(2, 24),
        "Khiếu nại Quyết định thu hồi đất nông nghiệp tại xóm Nà Cạn",
        "Ông Nông Văn Dũng khiếu nại Quyết định số 18/QĐ-UBND ngày 10/02/2026 của Ủy ban nhân dân xã Xuân "
        "Trường về việc thu hồi 1.250 m2 đất trồng lúa để mở rộng đường liên xóm Nà Cạn - Bản Chang, cho rằng "
        "diện tích đo đạc thực tế chỉ 1.080 m2 và gia đình chưa được thông báo trước 90 ngày.",
        "land",
        (DUNG,),
        (
            Step(A.ACCEPT, d(3, 3)),
            Step(A.START_VERIFICATION, d(3, 10)),
            Step(A.HOLD_DIALOGUE, d(3, 24), {"note": "Đối thoại tại nhà văn hóa xóm Bản Chang"}),
            Step(A.DECIDE, d(4, 1), {"outcome": Out.PARTLY_UPHELD, "decision_number": "45/QĐ-UBND"}),
            Step(A.MAKE_EFFECTIVE, d(5, 8)),
        ),
        contested_known=d(2, 12),
    ),
    Case(
        "compensation-group",
        "01273",
        K.COMPLAINT,
        C.MAIL,
        d(6, 15),
        "Khiếu nại phương án bồi thường, hỗ trợ dự án kè chống sạt lở bờ sông Bằng",
        "23 hộ dân tổ dân phố 2 và tổ dân phố 3 khiếu nại phương án bồi thường, hỗ trợ và tái định cư dự án kè "
        "chống sạt lở bờ sông Bằng: đơn giá bồi thường đất ở thấp hơn giá thị trường, chưa tính hỗ trợ di "
        "chuyển mồ mả và công trình phụ. Các hộ cử ông Lục Văn Pảo làm người đại diện.",
        "compensation",
        (
            person(
                "Lục Văn Pảo",
                "004065002211",
                "Tổ dân phố 2, phường Thục Phán, tỉnh Cao Bằng",
                "0912678443",
                representative=True,
            ),
            person("Bế Thị Nhàn", "004170004512", "Tổ dân phố 3, phường Thục Phán, tỉnh Cao Bằng"),
            person("Đàm Văn Lịch", "004071009834", "Tổ dân phố 2, phường Thục Phán, tỉnh Cao Bằng"),
        ),
        (
            Step(A.ACCEPT, d(6, 22)),
            Step(A.START_VERIFICATION, d(7, 1)),
            Step(A.HOLD_DIALOGUE, d(7, 20), {"note": "Đối thoại với 23 hộ tại hội trường phường"}),
            Step(A.DECIDE, d(8, 3), {"outcome": Out.REJECTED, "decision_number": "112/QĐ-UBND"}),
            Step(
                A.APPEAL,
                d(8, 20),
                {"target_unit_id": "04", "note": "Khiếu nại lần hai lên Chủ tịch UBND tỉnh"},
            ),
            Step(A.ACCEPT, d(8, 27)),
            Step(A.START_VERIFICATION, d(9, 8)),
        ),
        head_count=23,
        complex=True,
    ),
    Case(
        "appeal-pending",
        "01279",
        K.COMPLAINT,
        C.MAIL,
        66,
        "Khiếu nại quyết định xử phạt vi phạm hành chính trong lĩnh vực xây dựng",
        "Ông Triệu Văn Khánh khiếu nại Quyết định số 201/QĐ-XPHC của Chủ tịch UBND phường Nùng Trí Cao xử phạt "
        "15.000.000 đồng vì xây dựng nhà ở không phép, cho rằng gia đình đã nộp hồ sơ cấp phép từ tháng 3.",
        "administrative_procedures",
        (
            person(
                "Triệu Văn Khánh", "004079005521", "Tổ dân phố Hợp Giang, phường Nùng Trí Cao, tỉnh Cao Bằng"
            ),
        ),
        (
            Step(A.ACCEPT, 60),
            Step(A.START_VERIFICATION, 55),
            Step(A.DECIDE, 32, {"outcome": Out.REJECTED, "decision_number": "236/QĐ-UBND"}),
            Step(A.APPEAL, 5, {"target_unit_id": "04"}),
        ),
    ),
    Case(
        "decided-recent",
        "01339",
        K.COMPLAINT,
        C.RECEPTION,
        50,
        "Khiếu nại việc bình xét hộ nghèo năm 2026 tại xóm Lũng Rì",
        "Bà Ma Thị Ngân khiếu nại kết quả bình xét hộ nghèo năm 2026 của xóm Lũng Rì: gia đình có 5 nhân khẩu, "
        "chồng ốm đau dài ngày, thu nhập bình quân dưới chuẩn nhưng không có tên trong danh sách.",
        "social_policy",
        (person("Ma Thị Ngân", "004182006734", "Xóm Lũng Rì, xã Xuân Trường, tỉnh Cao Bằng"),),
        (
            Step(A.ACCEPT, 45),
            Step(A.START_VERIFICATION, 40),
            Step(A.HOLD_DIALOGUE, 25),
            Step(A.DECIDE, 12, {"outcome": Out.UPHELD, "decision_number": "230/QĐ-UBND"}),
        ),
    ),
    Case(
        "dialogue-on-track",
        "01273",
        K.COMPLAINT,
        C.ONLINE_PORTAL,
        28,
        "Khiếu nại việc thu hồi giấy phép kinh doanh cửa hàng ăn uống",
        "Bà Sầm Thị Lan khiếu nại việc UBND phường thu hồi giấy chứng nhận đăng ký hộ kinh doanh cửa hàng ăn "
        "uống tại tổ dân phố 1 vì lý do vệ sinh an toàn thực phẩm, cho rằng cửa hàng đã khắc phục xong.",
        "administrative_procedures",
        (
            person(
                "Sầm Thị Lan", "004185001299", "Tổ dân phố 1, phường Thục Phán, tỉnh Cao Bằng", "0868345120"
            ),
        ),
        (Step(A.ACCEPT, 22), Step(A.START_VERIFICATION, 18), Step(A.HOLD_DIALOGUE, 5)),
    ),
    Case(
        "accepted-on-track",
        "01279",
        K.COMPLAINT,
        C.ONE_STOP,
        9,
        "Khiếu nại việc chậm cấp giấy chứng nhận quyền sử dụng đất",
        "Ông Chu Văn Thắng khiếu nại việc hồ sơ cấp giấy chứng nhận quyền sử dụng đất nộp tại bộ phận một cửa "
        "từ tháng 7 đến nay đã quá hạn nhưng chưa có kết quả, không được thông báo lý do.",
        "administrative_procedures",
        (person("Chu Văn Thắng", "004088002345", "Tổ dân phố Nà Cáp, phường Nùng Trí Cao, tỉnh Cao Bằng"),),
        (Step(A.ACCEPT, 5),),
    ),
    Case(
        "accepted-at-risk",
        "01339",
        K.COMPLAINT,
        C.MAIL,
        32,
        "Khiếu nại việc đo đạc, cắm mốc giới thửa đất rừng sản xuất",
        "Ông Lương Văn Tấn khiếu nại kết quả đo đạc, cắm mốc giới thửa đất rừng sản xuất số 112, tờ bản đồ số 9 "
        "tại xóm Pác Ngòi: mốc giới bị dịch sang đất gia đình khoảng 300 m2.",
        "land",
        (person("Lương Văn Tấn", "004062003377", "Xóm Pác Ngòi, xã Xuân Trường, tỉnh Cao Bằng"),),
        (Step(A.ACCEPT, 27),),
        at_risk=True,
    ),
    Case(
        "received-new",
        "01273",
        K.COMPLAINT,
        C.MAIL,
        2,
        "Khiếu nại việc xây dựng lấn chiếm hành lang an toàn giao thông",
        "Ông Hà Văn Khiêm khiếu nại việc UBND phường không xử lý công trình xây dựng lấn chiếm hành lang an toàn "
        "đường bộ trước nhà số 17, tổ dân phố 4, gây cản trở lối đi chung của các hộ trong ngõ.",
        "land",
        (
            person(
                "Hà Văn Khiêm", "004074008812", "Tổ dân phố 4, phường Thục Phán, tỉnh Cao Bằng", "0946771203"
            ),
        ),
    ),
    Case(
        "petition-received-overdue",
        "01279",
        K.PETITION,
        C.ONLINE_PORTAL,
        16,
        "Kiến nghị sửa chữa đường giao thông tổ dân phố Khau Cải bị xuống cấp",
        "Bà Triệu Thị Hoa kiến nghị sửa chữa đoạn đường bê tông dài khoảng 300 m qua tổ dân phố Khau Cải bị "
        "sụt lún, nứt vỡ sau mùa mưa, xe máy và học sinh đi lại khó khăn.",
        "other",
        (person("Triệu Thị Hoa", "004180007765", "Tổ dân phố Khau Cải, phường Nùng Trí Cao, tỉnh Cao Bằng"),),
    ),
    Case(
        "settlement-overdue",
        "01339",
        K.COMPLAINT,
        C.MAIL,
        70,
        "Khiếu nại việc giao đất rừng sản xuất không đúng đối tượng",
        "Ông Mạc Văn Hòa khiếu nại việc UBND xã giao 2,5 ha đất rừng sản xuất tại xóm Bản Chang cho hộ không "
        "cư trú tại địa phương, trong khi gia đình đã nhận khoán và trồng rừng trên diện tích này từ năm 2008.",
        "land",
        (person("Mạc Văn Hòa", "004059004410", "Xóm Bản Chang, xã Xuân Trường, tỉnh Cao Bằng"),),
        (Step(A.ACCEPT, 63), Step(A.START_VERIFICATION, 55)),
        remote_area=True,
    ),
    Case(
        "not-accepted-out-of-time",
        "01273",
        K.COMPLAINT,
        C.MAIL,
        d(4, 6),
        "Khiếu nại quyết định cưỡng chế tháo dỡ công trình vi phạm",
        "Ông Nông Đức Minh khiếu nại Quyết định số 02/QĐ-CC ngày 02/01/2026 về việc cưỡng chế tháo dỡ mái che "
        "lấn chiếm vỉa hè trước nhà tại tổ dân phố 1.",
        "land",
        (person("Nông Đức Minh", "004077006654", "Tổ dân phố 1, phường Thục Phán, tỉnh Cao Bằng"),),
        (
            Step(
                A.NOT_ACCEPT,
                d(4, 13),
                {"reason": "Đã hết thời hiệu khiếu nại 90 ngày (Điều 9 Luật Khiếu nại 2011)."},
            ),
        ),
        contested_known=d(1, 2),
    ),
    Case(
        "withdrawn",
        "01279",
        K.COMPLAINT,
        C.RECEPTION,
        d(5, 11),
        "Khiếu nại việc thu tiền sử dụng đất khi chuyển mục đích sử dụng",
        "Bà Lý Thị Xuân khiếu nại thông báo nộp tiền sử dụng đất 86.000.000 đồng khi chuyển 120 m2 đất vườn "
        "sang đất ở, cho rằng áp sai bảng giá đất.",
        "land",
        (person("Lý Thị Xuân", "004183002290", "Tổ dân phố Hợp Giang, phường Nùng Trí Cao, tỉnh Cao Bằng"),),
        (
            Step(A.ACCEPT, d(5, 18)),
            Step(
                A.WITHDRAW,
                d(6, 2),
                {"reason": "Công dân tự nguyện rút đơn sau khi được giải thích về bảng giá đất."},
            ),
        ),
    ),
    Case(
        "suspended",
        "01339",
        K.COMPLAINT,
        C.RECEPTION,
        60,
        "Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất chồng lấn",
        "Ông Hoàng Văn Sính khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất cho hộ ông Lục Văn Cẩm chồng "
        "lấn khoảng 150 m2 lên thửa đất gia đình đang sử dụng tại xóm Nà Pồng.",
        "land",
        (person("Hoàng Văn Sính", "004066001187", "Xóm Nà Pồng, xã Xuân Trường, tỉnh Cao Bằng"),),
        (
            Step(A.ACCEPT, 55),
            Step(A.START_VERIFICATION, 48),
            Step(
                A.SUSPEND,
                20,
                {"reason": "Chờ kết quả đo đạc lại của Văn phòng đăng ký đất đai tỉnh."},
            ),
        ),
    ),
    Case(
        "sued",
        "01273",
        K.COMPLAINT,
        C.MAIL,
        d(3, 16),
        "Khiếu nại quyết định xử lý kỷ luật viên chức",
        "Bà Đinh Thị Huyền, viên chức trường mầm non, khiếu nại quyết định kỷ luật khiển trách, cho rằng việc "
        "xem xét kỷ luật không đúng trình tự.",
        "officials_conduct",
        (person("Đinh Thị Huyền", "004190003341", "Tổ dân phố 3, phường Thục Phán, tỉnh Cao Bằng"),),
        (
            Step(A.ACCEPT, d(3, 20)),
            Step(A.START_VERIFICATION, d(3, 27)),
            Step(A.DECIDE, d(4, 17), {"outcome": Out.REJECTED, "decision_number": "61/QĐ-UBND"}),
            Step(A.SUE, d(5, 6), {"note": "Khởi kiện vụ án hành chính tại Tòa án nhân dân tỉnh Cao Bằng"}),
        ),
    ),
    Case(
        "forwarded-pending",
        "01339",
        K.PETITION,
        C.MAIL,
        6,
        "Kiến nghị hỗ trợ khắc phục thiệt hại do sạt lở đất tại xóm Pác Ngòi",
        "Các hộ dân xóm Pác Ngòi kiến nghị hỗ trợ di dời khẩn cấp 4 hộ có nhà ở nằm trong vùng nguy cơ sạt lở "
        "cao sau đợt mưa lớn, vượt khả năng bố trí kinh phí của xã.",
        "social_policy",
        (
            person(
                "Bế Văn Tùng",
                "004070005568",
                "Xóm Pác Ngòi, xã Xuân Trường, tỉnh Cao Bằng",
                representative=True,
            ),
        ),
        (Step(A.FORWARD, 3, {"target_unit_id": "04", "reason": "Vượt thẩm quyền, kinh phí thuộc tỉnh."}),),
        head_count=4,
    ),
    Case(
        "forwarded-closed",
        "01273",
        K.REFLECTION,
        C.ONLINE_PORTAL,
        d(7, 7),
        "Phản ánh tình trạng đổ trộm rác thải xây dựng bên bờ sông Hiến",
        "Bà Nông Thị Thơm phản ánh tình trạng đổ trộm phế thải xây dựng ban đêm bên bờ sông Hiến, đoạn giáp "
        "ranh tổ dân phố Hợp Giang, gây mất mỹ quan và ô nhiễm nguồn nước.",
        "environment",
        (person("Nông Thị Thơm", "004186004471", "Tổ dân phố 4, phường Thục Phán, tỉnh Cao Bằng"),),
        (
            Step(
                A.FORWARD,
                d(7, 9),
                {"target_unit_id": "01279", "reason": "Địa điểm thuộc phường Nùng Trí Cao."},
            ),
            Step(A.ACCEPT, d(7, 13)),
            Step(
                A.RESOLVE,
                d(7, 24),
                {"answer": "Đã lập biên bản, buộc khắc phục; lắp camera giám sát và biển cấm đổ rác."},
            ),
        ),
    ),
    Case(
        "petition-answered",
        "01279",
        K.PETITION,
        C.RECEPTION,
        d(1, 19),
        "Kiến nghị lắp đặt đèn chiếu sáng công cộng tuyến đường Nà Cáp",
        "Cử tri tổ dân phố Nà Cáp kiến nghị lắp đặt đèn chiếu sáng công cộng trên tuyến đường dài khoảng 800 m "
        "để bảo đảm an toàn giao thông và an ninh trật tự ban đêm.",
        "other",
        (person("Lục Thị Hằng", "004178006623", "Tổ dân phố Nà Cáp, phường Nùng Trí Cao, tỉnh Cao Bằng"),),
        (
            Step(A.ACCEPT, d(1, 22)),
            Step(A.RESOLVE, d(2, 3), {"answer": "Đã đưa vào kế hoạch chỉnh trang đô thị quý II năm 2026."}),
        ),
    ),
    Case(
        "reflection-answered",
        "01339",
        K.REFLECTION,
        C.RECEPTION,
        d(8, 12),
        "Phản ánh nước sinh hoạt bị đục tại xóm Bản Chang",
        "Ông Hà Văn Thủy phản ánh nước từ công trình cấp nước tập trung xóm Bản Chang bị đục, có mùi lạ sau mưa "
        "lớn, nhiều hộ phải dùng nước suối.",
        "environment",
        (person("Hà Văn Thủy", "004063007710", "Xóm Bản Chang, xã Xuân Trường, tỉnh Cao Bằng"),),
        (
            Step(A.ACCEPT, d(8, 14)),
            Step(A.RESOLVE, d(8, 25), {"answer": "Đã thau rửa bể lọc, thay vật liệu lọc; nước đạt chuẩn."}),
        ),
    ),
    Case(
        "reflection-overdue",
        "01273",
        K.REFLECTION,
        C.ONE_STOP,
        30,
        "Phản ánh thái độ của công chức bộ phận một cửa phường",
        "Ông Vi Văn Hải phản ánh công chức bộ phận một cửa yêu cầu bổ sung nhiều lần giấy tờ đã có trong cơ sở "
        "dữ liệu quốc gia về dân cư khi làm thủ tục chứng thực, có thái độ thiếu tôn trọng.",
        "officials_conduct",
        (person("Vi Văn Hải", "004081009901", "Tổ dân phố 2, phường Thục Phán, tỉnh Cao Bằng"),),
        (Step(A.ACCEPT, 27),),
    ),
    Case(
        "petition-accepted",
        "01339",
        K.PETITION,
        C.MAIL,
        7,
        "Kiến nghị hỗ trợ giống ngô cho các hộ bị thiệt hại do mưa đá",
        "Các hộ dân xóm Nà Pồng kiến nghị hỗ trợ giống ngô vụ đông cho khoảng 6 ha bị thiệt hại do mưa đá.",
        "social_policy",
        (person("Nông Văn Páo", "004067002234", "Xóm Nà Pồng, xã Xuân Trường, tỉnh Cao Bằng"),),
        (Step(A.ACCEPT, 4),),
    ),
    Case(
        "denunciation-closed",
        "01279",
        K.DENUNCIATION,
        C.MAIL,
        d(2, 2),
        "Tố cáo tổ trưởng tổ dân phố thu tiền đóng góp không đúng quy định",
        "Tố cáo ông tổ trưởng tổ dân phố Khau Cải thu của mỗi hộ 500.000 đồng làm đường nhưng không công khai "
        "thu chi, không thông qua hội nghị nhân dân.",
        "officials_conduct",
        (person("Hoàng Văn Bảo", "004072001156", "Tổ dân phố Khau Cải, phường Nùng Trí Cao, tỉnh Cao Bằng"),),
        (
            Step(A.ACCEPT, d(2, 9), {"decision_number": "05/QĐ-TLTC"}),
            Step(A.NOTIFY_PARTIES, d(2, 12)),
            Step(A.START_VERIFICATION, d(2, 23)),
            Step(
                A.CONCLUDE, d(3, 10), {"outcome": Out.PARTLY_SUBSTANTIATED, "decision_number": "12/KL-UBND"}
            ),
            Step(A.CLOSE, d(3, 20)),
        ),
    ),
    Case(
        "denunciation-extended-once",
        "01273",
        K.DENUNCIATION,
        C.MAIL,
        48,
        "Tố cáo cán bộ địa chính nhận tiền khi giải quyết hồ sơ đất đai",
        "Tố cáo công chức địa chính - xây dựng phường yêu cầu nộp thêm 5.000.000 đồng ngoài lệ phí để hồ sơ "
        "đăng ký biến động đất đai được giải quyết nhanh.",
        "officials_conduct",
        (person("Lương Thị Mai", "004184005512", "Tổ dân phố 3, phường Thục Phán, tỉnh Cao Bằng"),),
        (
            Step(A.ACCEPT, 43, {"decision_number": "21/QĐ-TLTC"}),
            Step(A.NOTIFY_PARTIES, 40),
            Step(A.START_VERIFICATION, 38),
            Step(A.EXTEND, 15, {"decision_number": "24/QĐ-GH"}),
        ),
    ),
    Case(
        "denunciation-extended-twice",
        "01339",
        K.DENUNCIATION,
        C.MAIL,
        85,
        "Tố cáo hành vi khai thác cát trái phép trên sông Bằng đoạn qua xóm Nà Pồng",
        "Tố cáo việc một số đối tượng dùng tàu hút khai thác cát trái phép ban đêm trên sông Bằng đoạn qua xóm "
        "Nà Pồng, gây sạt lở khoảng 200 m bờ sông và đất canh tác; chính quyền xã biết nhưng không xử lý.",
        "environment",
        (person("Ma Văn Thiện", "004069003389", "Xóm Nà Pồng, xã Xuân Trường, tỉnh Cao Bằng"),),
        (
            Step(A.ACCEPT, 80, {"decision_number": "09/QĐ-TLTC"}),
            Step(A.NOTIFY_PARTIES, 78),
            Step(A.START_VERIFICATION, 75),
            Step(A.EXTEND, 52, {"decision_number": "11/QĐ-GH"}),
            Step(A.EXTEND, 22, {"decision_number": "14/QĐ-GH"}),
        ),
        complex=True,
    ),
    Case(
        "denunciation-intake-overdue",
        "01279",
        K.DENUNCIATION,
        C.ONLINE_PORTAL,
        14,
        "Tố cáo việc lấn chiếm đất công để xây dựng nhà xưởng",
        "Tố cáo một hộ kinh doanh lấn chiếm khoảng 400 m2 đất công tại khu vực tổ dân phố Hợp Giang để xây "
        "dựng nhà xưởng chế biến gỗ, gây tiếng ồn và bụi.",
        "land",
        (
            person(
                "Đàm Thị Ngọc Anh", "004191006678", "Tổ dân phố Hợp Giang, phường Nùng Trí Cao, tỉnh Cao Bằng"
            ),
        ),
    ),
    Case(
        "denunciation-anonymous",
        "01273",
        K.DENUNCIATION,
        C.MAIL,
        d(9, 8),
        "Tố cáo việc thiếu công khai trong bình xét hỗ trợ nhà ở",
        "Đơn không ghi họ tên, địa chỉ tố cáo việc bình xét hỗ trợ xóa nhà tạm tại tổ dân phố 2 thiếu công khai.",
        "social_policy",
        (),
        (
            Step(
                A.NOT_ACCEPT,
                d(9, 10),
                {"reason": "Đơn không rõ họ tên, địa chỉ người tố cáo (Điều 25 Luật Tố cáo 2018)."},
            ),
        ),
    ),
    Case(
        "denunciation-concluded",
        "01339",
        K.DENUNCIATION,
        C.RECEPTION,
        d(9, 1),
        "Tố cáo trưởng xóm làm sai lệch danh sách nhận hỗ trợ sau thiên tai",
        "Tố cáo trưởng xóm Lũng Rì đưa người thân không bị thiệt hại vào danh sách nhận hỗ trợ sau trận lũ "
        "tháng 8 năm 2026.",
        "social_policy",
        (person("Lục Thị Duyên", "004187007745", "Xóm Lũng Rì, xã Xuân Trường, tỉnh Cao Bằng"),),
        (
            Step(A.ACCEPT, d(9, 8), {"decision_number": "31/QĐ-TLTC"}),
            Step(A.NOTIFY_PARTIES, d(9, 10)),
            Step(A.START_VERIFICATION, d(9, 14)),
            Step(A.CONCLUDE, d(10, 6), {"outcome": Out.UNSUBSTANTIATED, "decision_number": "40/KL-UBND"}),
        ),
    ),
    Case(
        "duplicate-first",
        "01279",
        K.COMPLAINT,
        C.MAIL,
        25,
        "Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất cho hộ liền kề lấn sang đất gia đình",
        "Bà Hoàng Thị Mỷ khiếu nại việc UBND phường xác nhận hồ sơ cấp giấy chứng nhận quyền sử dụng đất cho hộ "
        "liền kề tại tổ dân phố Khau Cải, trong đó có khoảng 45 m2 đất gia đình bà đang sử dụng.",
        "land",
        (MY,),
        (Step(A.ACCEPT, 20),),
    ),
    Case(
        "duplicate-second",
        "01279",
        K.COMPLAINT,
        C.ONLINE_PORTAL,
        10,
        "Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất cho hộ liền kề lấn sang đất gia đình",
        "Bà Hoàng Thị Mỷ tiếp tục khiếu nại việc UBND phường xác nhận hồ sơ cấp giấy chứng nhận quyền sử dụng "
        "đất cho hộ liền kề tại tổ dân phố Khau Cải, trong đó có khoảng 45 m2 đất gia đình bà đang sử dụng.",
        "land",
        (MY,),
        (
            Step(
                A.NOT_ACCEPT,
                6,
                {"reason": "Trùng nội dung với đơn khiếu nại đã được thụ lý, đang giải quyết."},
            ),
        ),
        duplicate_of="duplicate-first",
    ),
    Case(
        "province-overdue",
        "04",
        K.COMPLAINT,
        C.MAIL,
        d(10, 5),
        "Khiếu nại quyết định phê duyệt giá đất cụ thể dự án khu tái định cư Đề Thám",
        "Ông Hoàng Văn Nhất khiếu nại quyết định của UBND tỉnh phê duyệt giá đất cụ thể để tính bồi thường dự "
        "án khu tái định cư Đề Thám, cho rằng giá đất ở thấp hơn giá chuyển nhượng phổ biến tại khu vực.",
        "compensation",
        (person("Hoàng Văn Nhất", "004060008832", "Tổ dân phố 3, phường Thục Phán, tỉnh Cao Bằng"),),
        (Step(A.ACCEPT, d(10, 12)), Step(A.START_VERIFICATION, d(10, 20))),
        related_to="compensation-group",
    ),
    Case(
        "petition-withdrawn",
        "01339",
        K.PETITION,
        C.MAIL,
        d(6, 3),
        "Kiến nghị điều chỉnh lịch thu gom rác thải tại trung tâm xã",
        "Ông Triệu Văn Sáng kiến nghị tăng số lần thu gom rác thải tại khu chợ trung tâm xã lên ba lần một tuần.",
        "environment",
        (person("Triệu Văn Sáng", "004075009914", "Xóm Nà Pồng, xã Xuân Trường, tỉnh Cao Bằng"),),
        (Step(A.WITHDRAW, d(6, 8), {"reason": "Hợp tác xã môi trường đã tăng lịch thu gom."}),),
    ),
    Case(
        "withdrawn-in-part-overdue",
        "01273",
        K.COMPLAINT,
        C.RECEPTION,
        40,
        "Khiếu nại việc bồi thường tài sản, vật kiến trúc khi giải phóng mặt bằng",
        "Bà Bế Thị Hạnh khiếu nại việc kiểm đếm thiếu tường rào, sân bê tông và 12 cây ăn quả khi giải phóng "
        "mặt bằng dự án mở rộng đường Hoàng Đình Giong, đồng thời yêu cầu bồi thường thêm về diện tích đất.",
        "compensation",
        (
            person(
                "Bế Thị Hạnh", "004176003318", "Tổ dân phố 4, phường Thục Phán, tỉnh Cao Bằng", "0979112836"
            ),
        ),
        (
            Step(A.ACCEPT, 36),
            Step(A.START_VERIFICATION, 30),
            Step(A.HOLD_DIALOGUE, 12),
            Step(
                A.WITHDRAW_PARTLY,
                11,
                {
                    "withdrawn_content": "Rút yêu cầu bồi thường thêm về diện tích đất; giữ yêu cầu về tài sản."
                },
            ),
        ),
        related_to="compensation-group",
    ),
)


def _day(when: When, today: date) -> date:
    """A case's date: a 2026 day as given, or so many days back from today, never on a weekend."""
    day = when if isinstance(when, date) else today - timedelta(days=when)
    return day - timedelta(days=max(0, day.weekday() - 4))


def _shifted(case: Case, days: int) -> Case:
    """The case with every date given as days back moved `days` further back."""

    def move(when: When) -> When:
        return when if isinstance(when, date) else when + days

    steps = tuple(replace(step, on=move(step.on)) for step in case.steps)
    return replace(case, received=move(case.received), steps=steps)


async def _aimed_at_risk(session: AsyncSession, case: Case, today: date) -> Case:
    """The case moved back or forth until the settlement limit its acceptance opens ends 0 to
    AT_RISK_DAYS days from today, counted with the shipped rules and calendar; in a run of days
    off that long (Tết), where no limit can end, the case whose limit ends first after it."""
    probe = Petition(kind=case.kind, complex=case.complex, remote_area=bool(case.remote_area))
    soonest: tuple[int, Case] | None = None
    for days in sorted(range(-15, 16), key=abs):
        moved = _shifted(case, days)
        accepted = _day(next(s.on for s in moved.steps if s.action == A.ACCEPT), today)
        due = await deadlines.limit_from(session, probe, Stage.SETTLEMENT, accepted)
        if due is None or due < today:
            continue
        if (due - today).days <= deadlines.AT_RISK_DAYS:
            return moved
        if soonest is None or (due - today).days < soonest[0]:
            soonest = ((due - today).days, moved)
    if soonest is None:
        raise RuntimeError(f"no settlement rule for demo case {case.key} around {today}")
    return soonest[1]


def _actor(code: str) -> Principal:
    """The officer of the handling unit, acting country-wide so that forwarded and appealed cases
    can be moved on by the body that received them."""
    return Principal(
        kind="system",
        id=uuid.uuid5(ACTOR_NAMESPACE, code),
        name=f"{OFFICERS.get(code, 'Cán bộ tiếp công dân')} (demo)",
        unit_id=None,
        unit_path=None,
        permissions=frozenset(Permission),
    )


async def _units(session: AsyncSession) -> dict[str, Unit]:
    rows = await session.scalars(
        select(Unit).where(
            Unit.code.in_(OFFICERS),
            Unit.code_system == CodeSystem.DECISION_19_2025,
            Unit.status == UnitStatus.ACTIVE,
        )
    )
    return {u.code: u for u in rows}


async def _reception(session: AsyncSession, unit: Unit, on: date) -> ReceptionSession | None:
    """The demo reception session of `unit` with citizens received last held in the two weeks up to `on`."""
    found: ReceptionSession | None = await session.scalar(
        select(ReceptionSession)
        .where(
            ReceptionSession.unit_id == unit.id,
            ReceptionSession.external_source == DEMO_SOURCE,
            ReceptionSession.held_on <= on,
            ReceptionSession.held_on >= on - timedelta(days=14),
            ReceptionSession.citizens_received > 0,
        )
        .order_by(ReceptionSession.held_on.desc())
        .limit(1)
    )
    return found


async def is_loaded(session: AsyncSession) -> bool:
    return (
        await session.scalar(select(Petition.id).where(Petition.external_source == DEMO_SOURCE).limit(1))
    ) is not None


async def load(session: AsyncSession, identity_key: str | None = None, today: date | None = None) -> int:
    """Add the demo cases (after the demo units and receptions); returns how many it created.

    A second load adds nothing. `identity_key` digests identity numbers for the duplicate check
    (the app's secret key, read from the settings when not given)."""
    if await is_loaded(session):
        return 0
    if identity_key is None:
        from api.core.settings import get_settings

        identity_key = get_settings().resolved_secret_key
    today = today or clock.today()
    units = await _units(session)
    codes = {u.id: code for code, u in units.items()}
    created: dict[str, Petition] = {}
    for case in CASES:
        unit = units.get(case.unit)
        if unit is None:
            continue
        if case.at_risk:
            case = await _aimed_at_risk(session, case, today)
        received = _day(case.received, today)
        if received > today:
            continue
        channel, reception = case.channel, None
        if channel == Channel.RECEPTION:
            reception = await _reception(session, unit, received)
            if reception is None:
                channel = Channel.MAIL
            else:
                received = reception.held_on
        body = PetitionCreate(
            kind=case.kind,
            channel=channel,
            received_on=received,
            receiving_unit_id=unit.id,
            subject=f"{case.subject} (demo)",
            content=case.content,
            category=case.category,
            complex=case.complex,
            remote_area=case.remote_area,
            head_count=case.head_count,
            petitioners=list(case.people),
            reception_id=reception.id if reception else None,
            contested_decision_known_on=_day(case.contested_known, today) if case.contested_known else None,
            external_ref=ExternalRef(source=DEMO_SOURCE, id=f"petition-{case.key}"),
        )
        petition = await service.create(session, _actor(case.unit), body, identity_key)
        for step in case.steps:
            on = _day(step.on, today)
            if on > today:
                break
            data = dict(step.data)
            if "target_unit_id" in data:
                data["target_unit_id"] = units[data["target_unit_id"]].id
            actor = _actor(codes.get(petition.handling_unit_id, case.unit))
            await service.transition(
                session,
                actor,
                petition,
                TransitionRequest(action=step.action, effective_on=on, **data),
                None,
            )
        created[case.key] = petition
    for case in CASES:
        for other, kind in ((case.duplicate_of, LinkKind.DUPLICATE), (case.related_to, LinkKind.RELATED)):
            if other is not None and case.key in created and other in created:
                await service.add_link(
                    session,
                    _actor(case.unit),
                    created[case.key],
                    LinkCreate(petition_id=created[other].id, kind=kind),
                )
    return len(created)
