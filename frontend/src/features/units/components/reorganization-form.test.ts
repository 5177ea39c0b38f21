import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../../api/client";
import { problemToFormErrors } from "../../../lib/form-errors";
import {
  buildReorganization,
  reorganizationFieldResolver,
  unassignedChildren,
  type ReorganizationFormValues,
} from "./reorganization-form";

const A = "aaaaaaaa-0000-4000-8000-000000000001";
const B = "bbbbbbbb-0000-4000-8000-000000000002";
const C = "cccccccc-0000-4000-8000-000000000003";
const PARENT = "dddddddd-0000-4000-8000-000000000004";
const X1 = "eeeeeeee-0000-4000-8000-000000000005";
const X2 = "ffffffff-0000-4000-8000-000000000006";

const common = { effective_date: dayjs("2026-01-01"), legal_basis: " Nghị quyết 1656/NQ-UBTVQH15 ", note: "  " };
const ctx = { newUnitParentId: PARENT };

describe("reorganization payload", () => {
  it("merges several units into one new unit under the predecessors' parent", () => {
    const v: ReorganizationFormValues = {
      ...common,
      kind: "merge",
      predecessor_ids: [A, B],
      successors: [{ mode: "new", code: " 99001 ", name: " Phường Mới ", kind: "ward", code_system: "decision_19_2025" }],
    };
    expect(buildReorganization(v, ctx)).toEqual({
      kind: "merge",
      effective_date: "2026-01-01",
      legal_basis: "Nghị quyết 1656/NQ-UBTVQH15",
      note: null,
      predecessor_ids: [A, B],
      successors: [
        { new: { code: "99001", name: "Phường Mới", kind: "ward", code_system: "decision_19_2025", parent_id: PARENT, remote_area: false } },
      ],
      child_moves: [],
    });
  });

  it("merges into an existing unit, optionally renamed", () => {
    const v: ReorganizationFormValues = {
      ...common,
      kind: "merge",
      predecessor_ids: [A, B, C],
      successors: [{ mode: "existing", unit_id: A, name: "Xã Nà Pồng" }],
    };
    expect(buildReorganization(v, ctx).successors).toEqual([{ unit_id: A, name: "Xã Nà Pồng" }]);
    v.successors = [{ mode: "existing", unit_id: A, name: " " }];
    expect(buildReorganization(v, ctx).successors).toEqual([{ unit_id: A }]);
  });

  it("splits one unit into several, moving only the children given a successor", () => {
    const v: ReorganizationFormValues = {
      ...common,
      kind: "split",
      predecessor_ids: [A],
      successors: [
        { mode: "existing", unit_id: A },
        { mode: "new", code: "99002", name: "Xã Tách", kind: "commune" },
      ],
      child_moves: { [X1]: 1, [X2]: undefined },
    };
    const body = buildReorganization(v, ctx);
    expect(body.predecessor_ids).toEqual([A]);
    expect(body.successors).toHaveLength(2);
    expect(body.child_moves).toEqual([{ unit_id: X1, successor: 1 }]);
  });

  it("renames and changes kind in place", () => {
    const rename: ReorganizationFormValues = { ...common, kind: "rename", predecessor_ids: [A], successors: [{ mode: "existing", name: " Phường Đổi Tên " }] };
    expect(buildReorganization(rename, ctx)).toMatchObject({ predecessor_ids: [A], successors: [{ unit_id: A, name: "Phường Đổi Tên" }] });
    const change: ReorganizationFormValues = { ...common, kind: "change_kind", predecessor_ids: [A], successors: [{ mode: "existing", kind: "ward" }] };
    expect(buildReorganization(change, ctx)).toMatchObject({ predecessor_ids: [A], successors: [{ unit_id: A, kind: "ward" }] });
  });
});

describe("children left without a parent in a split", () => {
  const split: ReorganizationFormValues = {
    ...common,
    kind: "split",
    predecessor_ids: [A],
    successors: [
      { mode: "new", code: "1", name: "Một", kind: "commune" },
      { mode: "new", code: "2", name: "Hai", kind: "commune" },
    ],
    child_moves: { [X1]: 0 },
  };

  it("lists children not given a successor when the predecessor retires", () => {
    expect(unassignedChildren(split, [X1, X2])).toEqual([X2]);
  });

  it("needs none when the predecessor continues, or for other kinds", () => {
    expect(unassignedChildren({ ...split, successors: [{ mode: "existing", unit_id: A }, ...split.successors] }, [X1, X2])).toEqual([]);
    expect(unassignedChildren({ ...split, kind: "merge" }, [X1, X2])).toEqual([]);
  });
});

describe("reorganization field errors", () => {
  const problem = (fieldErrors: ApiError["fieldErrors"]) =>
    new ApiError({ status: 422, code: "validation_failed", detail: "invalid", fieldErrors });

  it("maps nested successor fields and child moves onto the form's name paths", () => {
    const v: ReorganizationFormValues = {
      ...common,
      kind: "split",
      predecessor_ids: [A],
      successors: [
        { mode: "new", code: "1", name: "Một", kind: "commune" },
        { mode: "existing", unit_id: B },
      ],
      child_moves: { [X1]: 0 },
    };
    const sent = buildReorganization(v, ctx);
    const { fields, general } = problemToFormErrors(
      problem([
        { in: "body", field: "successors.0.new.code", code: "duplicate_code", message: "taken" },
        { in: "body", field: "successors.0.new.parent_id", code: "invalid_parent_kind", message: "bad parent" },
        // The server counts kept successors on their own: the first kept one is successors[1].
        { in: "body", field: "successors.0", code: "unit_retired", message: "already retired" },
        { in: "body", field: "child_moves.0.unit_id", code: "invalid_reorganization", message: "not a child" },
        { in: "body", field: "effective_date", code: "date_in_future", message: "future" },
        { in: "body", field: "external_ref", code: "missing", message: "?" },
      ]),
      reorganizationFieldResolver(sent, v),
    );
    expect(fields).toEqual([
      { name: ["successors", 0, "code"], errors: ["taken"] },
      { name: ["successors", 0, "kind"], errors: ["bad parent"] },
      { name: ["successors", 1, "unit_id"], errors: ["already retired"] },
      { name: ["child_moves", X1], errors: ["not a child"] },
      { name: "effective_date", errors: ["future"] },
    ]);
    expect(general).toBe("external_ref: ?");
  });

  it("puts a rename's errors on its one name field", () => {
    const v: ReorganizationFormValues = { ...common, kind: "rename", predecessor_ids: [A], successors: [{ mode: "existing", name: "" }] };
    const { fields } = problemToFormErrors(
      problem([
        { in: "body", field: "successors.0.name", code: "string_too_short", message: "too short" },
        { in: "body", field: "predecessor_ids.0", code: "unit_retired", message: "already retired" },
      ]),
      reorganizationFieldResolver(buildReorganization(v, ctx), v),
    );
    expect(fields).toEqual([
      { name: ["successors", 0, "name"], errors: ["too short"] },
      { name: "predecessor_ids", errors: ["already retired"] },
    ]);
  });
});
