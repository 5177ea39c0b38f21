import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { petitionQueryOptions } from "./get-petition";
import { petitionsKeys } from "./keys";
import { petitionEventsQueryOptions } from "./list-petition-events";
import { listPetitionsQueryOptions } from "./list-petitions";

describe("petitions query keys", () => {
  const stale = (client: QueryClient, key: readonly unknown[]) => client.getQueryState(key)?.isInvalidated;

  it("are the factories' keys, so an invalidation by prefix reaches every list and nothing else", async () => {
    const client = new QueryClient();
    const listA = listPetitionsQueryOptions({ kind: ["complaint"], sort: "-received_on" }).queryKey;
    const listB = listPetitionsQueryOptions({ q: "đất", cursor: "abc" }).queryKey;
    const detail = petitionQueryOptions("p1").queryKey;
    const events = petitionEventsQueryOptions("p1").queryKey;
    for (const key of [listA, listB, detail, events]) client.setQueryData(key, {} as never);

    await client.invalidateQueries({ queryKey: petitionsKeys.lists() });
    expect([stale(client, listA), stale(client, listB)]).toEqual([true, true]);
    expect([stale(client, detail), stale(client, events)]).toEqual([false, false]);

    await client.invalidateQueries({ queryKey: petitionsKeys.events("p1") });
    expect(stale(client, events)).toBe(true);
    expect(stale(client, detail)).toBe(false);
  });

  it("keep one case's queries apart from another's", () => {
    expect(petitionQueryOptions("p1").queryKey).toEqual(petitionsKeys.detail("p1"));
    expect(petitionsKeys.detail("p1")).not.toEqual(petitionsKeys.detail("p2"));
    expect(petitionsKeys.detail("p1").slice(0, 1)).toEqual(petitionsKeys.all);
  });
});
