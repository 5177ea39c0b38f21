import dayjs, { type Dayjs } from "dayjs";
import type { FieldName, FieldResolver } from "../../lib/form-errors";
import type { PlanRead, TeamCreate, TeamKind, TeamMember, TeamMemberIn, TeamRead, TeamUpdate } from "./api/types";

/** One person of the team as the form holds it (`members`, a Form.List; the leader is a row of its own). */
export type MemberValues = { full_name?: string | null; position?: string | null; organisation?: string | null };

export type TeamFormValues = {
  plan_id?: string | null;
  kind?: TeamKind | null;
  title?: string | null;
  organising_unit_id?: string | null;
  decision_number?: string | null;
  decision_signer?: string | null;
  planned_start?: Dayjs | null;
  planned_end?: Dayjs | null;
  leader?: MemberValues;
  members?: MemberValues[];
  target_unit_ids?: string[];
  topics?: string[];
};

const trimmed = (v: string | null | undefined): string | null => {
  const s = (v ?? "").trim();
  return s === "" ? null : s;
};
const day = (v: Dayjs | null | undefined): string => (v ? v.format("YYYY-MM-DD") : "");

function rowOf(m: TeamMember): MemberValues {
  return { full_name: m.full_name, position: m.position ?? "", organisation: m.organisation ?? "" };
}

/** A new, empty member row. */
export function newMemberRow(): MemberValues {
  return { full_name: "", position: "", organisation: "" };
}

/**
 * The form's starting values: the team being corrected; a new team of a plan (its organiser, its
 * topics); or an ad hoc team organised by the reader's own unit.
 */
export function teamInitialValues(team: TeamRead | null, plan: PlanRead | null, ownUnitId: string | null): TeamFormValues {
  if (team) {
    const leader = team.members.find((m) => m.role === "leader");
    return {
      plan_id: team.plan_id,
      kind: team.kind,
      title: team.title,
      organising_unit_id: team.organising_unit_id,
      decision_number: team.decision_number ?? "",
      decision_signer: team.decision_signer ?? "",
      planned_start: dayjs(team.planned_start),
      planned_end: dayjs(team.planned_end),
      leader: leader ? rowOf(leader) : newMemberRow(),
      members: team.members.filter((m) => m.role !== "leader").map(rowOf),
      target_unit_ids: team.targets.map((x) => x.unit_id),
      topics: [...team.topics],
    };
  }
  return {
    plan_id: plan?.id ?? null,
    kind: "inspection",
    organising_unit_id: plan?.organising_unit_id ?? ownUnitId,
    leader: newMemberRow(),
    members: [],
    target_unit_ids: [],
    topics: plan ? [...plan.topics] : [],
  };
}

/** The people as the API takes them: the leader first (when named), then the members with a name. */
export function membersOf(v: Pick<TeamFormValues, "leader" | "members">): TeamMemberIn[] {
  const person = (m: MemberValues, role: "leader" | "member"): TeamMemberIn[] => {
    const name = trimmed(m.full_name);
    return name ? [{ full_name: name, position: trimmed(m.position), organisation: trimmed(m.organisation), role }] : [];
  };
  return [...(v.leader ? person(v.leader, "leader") : []), ...(v.members ?? []).flatMap((m) => person(m, "member"))];
}

/** The body of `POST /inspections/teams`. */
export function buildTeamCreate(v: TeamFormValues): TeamCreate {
  return {
    plan_id: v.plan_id || null,
    kind: v.kind ?? "inspection",
    title: trimmed(v.title) ?? "",
    organising_unit_id: v.organising_unit_id ?? "",
    decision_number: trimmed(v.decision_number),
    decision_signer: trimmed(v.decision_signer),
    planned_start: day(v.planned_start),
    planned_end: day(v.planned_end),
    topics: [...new Set(v.topics ?? [])],
    members: membersOf(v),
    target_unit_ids: [...new Set(v.target_unit_ids ?? [])],
  };
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
const memberKey = (m: { full_name: string; position?: string | null; organisation?: string | null; role?: string }) =>
  JSON.stringify([m.full_name, m.position ?? null, m.organisation ?? null, m.role ?? "member"]);

/**
 * The body of `PATCH /inspections/teams/{id}`: only what changed (null when nothing did). Members
 * and targets are sent whole when they changed (the API replaces them; a target kept keeps its
 * visit's record); the user ids of members kept are carried over.
 */
export function buildTeamUpdate(team: TeamRead, v: TeamFormValues): TeamUpdate | null {
  const next = buildTeamCreate(v);
  const body: TeamUpdate = {};
  if ((next.plan_id ?? null) !== team.plan_id) body.plan_id = next.plan_id ?? null;
  if (next.kind !== team.kind) body.kind = next.kind;
  if (next.title !== team.title) body.title = next.title;
  if (next.organising_unit_id !== team.organising_unit_id) body.organising_unit_id = next.organising_unit_id;
  if ((next.decision_number ?? null) !== team.decision_number) body.decision_number = next.decision_number ?? null;
  if ((next.decision_signer ?? null) !== team.decision_signer) body.decision_signer = next.decision_signer ?? null;
  if (next.planned_start !== team.planned_start) body.planned_start = next.planned_start;
  if (next.planned_end !== team.planned_end) body.planned_end = next.planned_end;
  if (!sameSet(next.topics ?? [], team.topics)) body.topics = next.topics ?? [];
  const members = next.members ?? [];
  const recorded = [...team.members].sort((a, b) => (a.role === b.role ? 0 : a.role === "leader" ? -1 : 1));
  if (!sameList(members.map(memberKey), recorded.map(memberKey))) {
    const userOf = new Map(team.members.map((m) => [memberKey(m), m.user_id ?? null]));
    body.members = members.map((m) => {
      const userId = userOf.get(memberKey(m));
      return userId ? { ...m, user_id: userId } : m;
    });
  }
  const targets = next.target_unit_ids ?? [];
  if (!sameList(targets, team.targets.map((x) => x.unit_id))) body.target_unit_ids = targets;
  return Object.keys(body).length > 0 ? body : null;
}

/** Target units a correction would drop: their visits' records go with them (the form warns first). */
export function droppedTargets(team: TeamRead, v: TeamFormValues): TeamRead["targets"] {
  const kept = new Set(v.target_unit_ids ?? []);
  return team.targets.filter((x) => !kept.has(x.unit_id));
}

const PLAIN = new Set([
  "plan_id",
  "kind",
  "title",
  "organising_unit_id",
  "decision_number",
  "decision_signer",
  "planned_start",
  "planned_end",
  "topics",
  "target_unit_ids",
]);

/**
 * Where a server field error lands on the team form: `target_unit_ids.N` on the targets; `members.N.x`
 * on the row the member came from (the leader's row, or a member's, blank rows skipped: `rows`
 * maps the API's index back); `members` itself (one leader, a leader required) on the leader's name.
 */
export function teamFieldResolver(v: Pick<TeamFormValues, "leader" | "members">): FieldResolver<FieldName> {
  const rows: FieldName[] = [];
  if (trimmed(v.leader?.full_name)) rows.push("leader");
  (v.members ?? []).forEach((m, i) => {
    if (trimmed(m.full_name)) rows.push(["members", i]);
  });
  return (path) => {
    const [head, index, field] = path;
    if (head === undefined) return undefined;
    if (PLAIN.has(head)) return head;
    if (head === "members") {
      const row = index === undefined ? undefined : rows[Number(index)];
      if (row === undefined) return ["leader", "full_name"];
      const leaf = field === "position" || field === "organisation" ? field : "full_name";
      return Array.isArray(row) ? [...row, leaf] : [row, leaf];
    }
    return undefined;
  };
}
