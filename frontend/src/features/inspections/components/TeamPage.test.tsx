import { describe, expect, it } from "vitest";
import { act, render, screen, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App } from "antd";
import { MemoryRouter } from "react-router";
import "../../../i18n";
import "../i18n";
import { teamQueryOptions } from "../api/get-team";
import { teamWorkflowQueryOptions } from "../api/get-team-workflow";
import { findingsQueryOptions } from "../api/list-findings";
import { teamEventsQueryOptions } from "../api/list-team-events";
import { teamRecommendationsQueryOptions } from "../api/list-team-recommendations";
import { topicsQueryOptions } from "../api/list-topics";
import type { FindingRead, RecommendationSummary, TeamEventRead, TeamRead } from "../api/types";
import { TeamPage } from "./TeamPage";

const PROVINCE = "u-province";
const WARD = "u-ward";
const OTHER_WARD = "u-other";

const target = (id: string, unitId: string, name: string) => ({
  id,
  unit_id: unitId,
  unit: { id: unitId, code: id, name, kind: "ward", status: "active" },
  status: "done",
  visited_from: "2026-11-10",
  visited_to: "2026-11-11",
  self_assessment_received: true,
  self_assessment_received_on: "2026-11-01",
  rating: "fair",
  notes: null,
  conclusion: null,
});

const TEAM = {
  id: "team-1",
  plan_id: null,
  kind: "inspection",
  title: "Đoàn kiểm tra số 2 của Ban Chỉ đạo tỉnh",
  status: "in_progress",
  organising_unit_id: PROVINCE,
  organising_unit: { id: PROVINCE, code: "04", name: "Tỉnh Cao Bằng", kind: "province", status: "active" },
  decision_number: "35/QĐ-BCĐ",
  decision_date: "2026-11-02",
  decision_signer: "Hoàng Văn Khải",
  planned_start: "2026-11-09",
  planned_end: "2026-11-20",
  actual_start: "2026-11-09",
  actual_end: null,
  topics: ["publicity_of_information"],
  conclusion_number: null,
  conclusion_date: null,
  conclusion_summary: null,
  members: [
    { full_name: "Đàm Quang Vinh", position: null, organisation: "Văn phòng UBND tỉnh", role: "member", user_id: null },
    { full_name: "Lục Thị Hằng", position: "Phó Trưởng ban Dân vận Tỉnh ủy", organisation: null, role: "leader", user_id: null },
  ],
  targets: [target("t-1", WARD, "Phường Thục Phán"), target("t-2", OTHER_WARD, "Xã Nùng Trí Cao")],
  allowed_actions: ["report", "cancel"],
  external_ref: null,
  created_at: "2026-11-01T02:00:00Z",
  updated_at: "2026-11-09T02:00:00Z",
} as unknown as TeamRead;

const FINDINGS: FindingRead[] = [
  {
    id: "f-1",
    team_id: "team-1",
    target_id: "t-2",
    unit_id: OTHER_WARD,
    topic: "publicity_of_information",
    description: "Chưa niêm yết công khai dự toán ngân sách xã",
    severity: "moderate",
    petition_ids: [],
    created_at: "2026-11-11T02:00:00Z",
    updated_at: "2026-11-11T02:00:00Z",
  },
];

const EVENTS = [
  {
    id: 1,
    occurred_at: "2026-11-02T02:00:00Z",
    effective_on: "2026-11-02",
    action: "establish",
    from_status: "planned",
    to_status: "established",
    actor_type: "user",
    actor_name: "Nông Thị Thu",
    data: { decision_number: "35/QĐ-BCĐ" },
  },
] as TeamEventRead[];

const recommendation = (id: string, content: string, dueOn: string, daysLeft: number, status = "open"): RecommendationSummary =>
  ({
    id,
    team_id: "team-1",
    finding_id: null,
    owner_unit: { id: OTHER_WARD, code: "01279", name: "Xã Nùng Trí Cao", kind: "commune", status: "active" },
    content,
    due_on: dueOn,
    status,
    verified_on: null,
    overdue: daysLeft < 0,
    days_left: daysLeft,
  }) as RecommendationSummary;

function renderPage(
  team: TeamRead,
  findings: FindingRead[],
  viewerUnitId: string | null,
  canWrite = true,
  recommendations: RecommendationSummary[] = [],
) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  client.setQueryData(teamQueryOptions(team.id).queryKey, { team, etag: '"v3"' });
  client.setQueryData(findingsQueryOptions(team.id).queryKey, findings);
  client.setQueryData(teamEventsQueryOptions(team.id).queryKey, EVENTS);
  client.setQueryData(teamRecommendationsQueryOptions(team.id).queryKey, recommendations);
  client.setQueryData(teamWorkflowQueryOptions().queryKey, { initial: "planned", terminal: ["closed", "cancelled"], states: {} });
  const topics = [
    { code: "publicity_of_information", name_vi: "Công khai thông tin", name_en: "Publicity of information", position: 1, active: true },
  ];
  client.setQueryData(topicsQueryOptions().queryKey, topics);
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <App>
          <TeamPage teamId={team.id} canWrite={canWrite} viewerUnitId={viewerUnitId} />
        </App>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return client;
}

describe("a team's page", () => {
  it("keeps showing the team when a background refetch fails (data first)", async () => {
    const client = renderPage(TEAM, FINDINGS, PROVINCE);
    const team = client.getQueryCache().find({ queryKey: teamQueryOptions(TEAM.id).queryKey })!;
    // The query's observers hear of it on the next tick.
    await act(async () => {
      team.setState({ status: "error", error: new Error("network down"), fetchStatus: "idle" });
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(screen.getByRole("heading", { level: 1, name: TEAM.title })).toBeTruthy();
  });

  it("shows the organiser the decision, the members, the targets with their findings and the acts allowed", () => {
    renderPage(TEAM, FINDINGS, PROVINCE);
    expect(screen.getByRole("heading", { level: 1, name: TEAM.title })).toBeTruthy();
    expect(screen.getByText("Số 35/QĐ-BCĐ ngày 02/11/2026")).toBeTruthy();
    expect(screen.getAllByRole("button").map((b) => b.textContent)).toEqual(
      expect.arrayContaining(["Báo cáo kết quả", "Hủy đoàn"]),
    );
    const members = screen.getAllByRole("row").map((r) => r.textContent ?? "");
    // The leader first.
    expect(members.findIndex((r) => r.includes("Lục Thị Hằng"))).toBeLessThan(members.findIndex((r) => r.includes("Đàm Quang Vinh")));
    const other = screen.getByRole("region", { name: "Xã Nùng Trí Cao" });
    expect(within(other).getByText("Chưa niêm yết công khai dự toán ngân sách xã")).toBeTruthy();
    expect(within(other).getByText("Trung bình")).toBeTruthy();
    expect(within(other).getByText("10/11/2026 – 11/11/2026")).toBeTruthy();
    const ward = screen.getByRole("region", { name: "Phường Thục Phán" });
    expect(within(ward).getByText("Chưa có phát hiện.")).toBeTruthy();
    expect(within(ward).getByRole("button", { name: "Ghi nhận phát hiện: Phường Thục Phán" })).toBeTruthy();
    expect(within(ward).getByRole("button", { name: "Ghi kết quả làm việc: Phường Thục Phán" })).toBeTruthy();
    // The timeline, and the recommendations' card, empty until the conclusion.
    expect(screen.getByText("Thành lập đoàn")).toBeTruthy();
    expect(screen.getByText(/Ngày 02\/11\/2026 · ghi lúc .* · Nông Thị Thu/)).toBeTruthy();
    expect(screen.getByText("Kiến nghị")).toBeTruthy();
    expect(screen.getByText("Kiến nghị được ban hành sau khi đoàn có kết luận.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: /Ban hành kiến nghị/ })).toBeNull();
    expect(screen.queryByText(/chỉ hiển thị các đơn vị được kiểm tra thuộc phạm vi của bạn/)).toBeNull();
  });

  it("shows a visited unit only its part, with no acts and no finding forms", () => {
    const seen = { ...TEAM, targets: [TEAM.targets[0]!], allowed_actions: [] } as TeamRead;
    renderPage(seen, [], WARD, false);
    expect(screen.getByText(/chỉ hiển thị các đơn vị được kiểm tra thuộc phạm vi của bạn/)).toBeTruthy();
    expect(screen.queryByRole("region", { name: "Xã Nùng Trí Cao" })).toBeNull();
    expect(screen.getByRole("region", { name: "Phường Thục Phán" })).toBeTruthy();
    expect(
      screen.queryByRole("button", { name: /Báo cáo kết quả|Hủy đoàn|Ghi nhận phát hiện|Ghi kết quả làm việc|Ban hành kiến nghị/ }),
    ).toBeNull();
  });

  it("shows the conclusion and no finding forms once concluded", () => {
    const concluded = {
      ...TEAM,
      status: "concluded",
      allowed_actions: ["close"],
      conclusion_number: "41/TB-BCĐ",
      conclusion_date: "2026-11-25",
      conclusion_summary: "Phường Thục Phán thực hiện tốt công khai thông tin",
    } as TeamRead;
    renderPage(concluded, FINDINGS, PROVINCE);
    expect(screen.getByText("41/TB-BCĐ")).toBeTruthy();
    expect(screen.getByText("25/11/2026")).toBeTruthy();
    expect(screen.getByText("Phường Thục Phán thực hiện tốt công khai thông tin")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Kết thúc" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: /Ghi nhận phát hiện/ })).toBeNull();
    expect(screen.queryByRole("button", { name: /Sửa/ })).toBeNull();
  });

  it("lists a concluded team's recommendations with their due badges, and lets the organiser issue more", () => {
    const concluded = { ...TEAM, status: "concluded", allowed_actions: ["close"], conclusion_date: "2026-11-25" } as TeamRead;
    renderPage(concluded, FINDINGS, PROVINCE, true, [
      recommendation("r-1", "Niêm yết công khai dự toán ngân sách xã", "2026-11-20", -5),
      recommendation("r-2", "Tổ chức hội nghị nhân dân", "2026-11-28", 3, "in_progress"),
    ]);
    // The recommendations: owner, content, due date with its badge, state; the organiser may issue more.
    const overdue = screen.getByText("Niêm yết công khai dự toán ngân sách xã").closest("tr") as HTMLElement;
    expect(within(overdue).getByText("Xã Nùng Trí Cao")).toBeTruthy();
    expect(within(overdue).getByText("20/11/2026")).toBeTruthy();
    expect(within(overdue).getByText("Quá hạn")).toBeTruthy();
    expect(within(overdue).getByText("quá hạn 5 ngày")).toBeTruthy();
    expect(within(overdue).getByText("Chưa thực hiện")).toBeTruthy();
    const soon = screen.getByText("Tổ chức hội nghị nhân dân").closest("tr") as HTMLElement;
    expect(within(soon).getByText("Sắp đến hạn")).toBeTruthy();
    expect(within(soon).getByText("còn 3 ngày")).toBeTruthy();
    expect(within(soon).getByText("Đang thực hiện")).toBeTruthy();
    expect(screen.getByText("Ban hành kiến nghị")).toBeTruthy();
  });
});
