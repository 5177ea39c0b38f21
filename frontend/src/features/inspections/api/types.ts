import type { components } from "../../../api/schema.gen";

type S = components["schemas"];
export type TeamSummary = S["TeamSummary"];
export type TeamPage = S["TeamSummaryPage"];
export type TeamRead = S["TeamRead"];
export type TeamMember = S["TeamMember-Output"];
export type TargetRead = S["InspectionTargetRead"];
export type TargetUpdate = S["InspectionTargetUpdate"];
export type TeamKind = S["InspectionTeamKind"];
export type TeamStatus = S["InspectionTeamStatus"];
export type TeamAction = S["InspectionTeamAction"];
export type TeamEventRead = S["TeamEventRead"];
export type TeamTransitionRequest = S["TeamTransitionRequest"];
export type TeamWorkflowRead = S["TeamWorkflowRead"];
export type TargetStatus = S["TargetStatus"];
export type TargetRating = S["TargetRating"];
export type FindingRead = S["FindingRead"];
export type FindingCreate = S["FindingCreate"];
export type FindingUpdate = S["FindingUpdate"];
export type FindingSeverity = S["FindingSeverity"];
export type TopicRead = S["InspectionTopicRead"];
export type PlanRead = S["PlanRead"];
export type PlanPage = S["PlanReadPage"];
export type PlanKind = S["InspectionPlanKind"];
export type PlanIssuer = S["InspectionIssuer"];
export type PlanCreate = S["PlanCreate"];
export type PlanUpdate = S["PlanUpdate"];
export type TeamCreate = S["TeamCreate"];
export type TeamUpdate = S["TeamUpdate"];
export type TeamMemberIn = S["TeamMember-Input"];
export type CoverageReport = S["CoverageReport"];
export type CoverageFigures = S["CoverageFigures"];
export type CoverageRow = S["CoverageRow"];
export type KindCoverage = S["KindCoverage"];
export type UnitSummary = S["UnitSummary"];
export type UnitKind = S["UnitKind"];

export const TEAM_KINDS: readonly TeamKind[] = ["inspection", "supervision", "thematic_survey"];
export const TEAM_STATUSES: readonly TeamStatus[] = [
  "planned",
  "established",
  "in_progress",
  "reported",
  "concluded",
  "closed",
  "cancelled",
];
export const TEAM_SORTS = ["planned_start", "created_at", "title"] as const;
/** In the order a team goes through them (api/inspections/workflows.py); cancel last. */
export const TEAM_ACTIONS: readonly TeamAction[] = ["establish", "start", "report", "conclude", "close", "cancel"];
/** The states in which the organiser records and corrects findings (workflows.py COLLECTING). */
export const COLLECTING: ReadonlySet<TeamStatus> = new Set(["in_progress", "reported"]);
export const TERMINAL: ReadonlySet<TeamStatus> = new Set(["closed", "cancelled"]);
export const SEVERITIES: readonly FindingSeverity[] = ["minor", "moderate", "serious"];
export const TARGET_STATUSES: readonly TargetStatus[] = ["planned", "notified", "in_progress", "done", "cancelled"];
export const RATINGS: readonly TargetRating[] = ["good", "fair", "average", "weak"];

export const PLAN_KINDS: readonly PlanKind[] = ["annual", "thematic"];
export const PLAN_ISSUERS: readonly PlanIssuer[] = [
  "provincial_steering_committee",
  "commune_steering_committee",
  "party_committee",
  "people_committee",
  "fatherland_front",
];
export const PLAN_SORTS = ["issued_on", "year", "created_at"] as const;

export type RecommendationSummary = S["RecommendationSummary"];
export type RecommendationPage = S["RecommendationSummaryPage"];
export type RecommendationRead = S["RecommendationRead"];
export type RecommendationCreate = S["RecommendationCreate"];
export type RecommendationStatus = S["InspectionRecommendationStatus"];
export type RecommendationAction = S["InspectionRecommendationAction"];
export type RecommendationTransitionRequest = S["RecommendationTransitionRequest"];
export type RecommendationEventRead = S["RecommendationEventRead"];
export type ProgressReportRead = S["ProgressReportRead"];
export type ProgressReportCreate = S["ProgressReportCreate"];
export type DayBasis = S["DayBasis"];

/** In the order a recommendation goes through them (api/inspections/recommendations/workflow.py). */
export const RECOMMENDATION_STATUSES: readonly RecommendationStatus[] = ["open", "in_progress", "reported_done", "verified_closed"];
export const RECOMMENDATION_ACTIONS: readonly RecommendationAction[] = ["start", "report_done", "verify", "reject_report"];
/** The single-field orders offered besides the API's default `closed,due_on` (still followed up first, by due date). */
export const RECOMMENDATION_SORTS = ["due_on", "created_at"] as const;
