/** SpaceRepo and MemberRepo cases of the repository contract (repo-contract.ts). */
import { expect, it } from "vitest";
import type { Repos } from "../../src/storage/index.js";

/** No store hands out a negative id: a member id that is surely absent, whatever ids the store uses. */
export const ABSENT_ID = -1;

export function spaceContractCases(repos: () => Repos) {
  it("spaces: ensured once with its first name and zone; get; an unknown space is undefined", async () => {
    const r = repos();
    const a = await r.spaces.ensure({ id: "discord:1", platform: "discord", name: "A" }, "Asia/Kolkata");
    expect(a).toEqual({ id: "discord:1", platform: "discord", name: "A", timezone: "Asia/Kolkata" });
    expect(await r.spaces.ensure({ id: "discord:1", platform: "discord" }, "UTC")).toEqual(a);
    expect(await r.spaces.ensure({ id: "slack:T9", platform: "slack" }, "UTC")).toEqual({ id: "slack:T9", platform: "slack", name: null, timezone: "UTC" });
    expect(await r.spaces.get("discord:1")).toEqual(a);
    expect(await r.spaces.get("discord:none")).toBeUndefined();
  });

  it("spaces: a space's own time zone, which the next ensure returns (no stale cached zone)", async () => {
    const r = repos();
    await r.spaces.ensure({ id: "slack:TZ", platform: "slack" }, "UTC");
    expect(await r.spaces.setTimezone("slack:TZ", "Asia/Kolkata")).toEqual({ id: "slack:TZ", platform: "slack", name: null, timezone: "Asia/Kolkata" });
    expect((await r.spaces.ensure({ id: "slack:TZ", platform: "slack" }, "UTC")).timezone).toBe("Asia/Kolkata");
    expect((await r.spaces.get("slack:TZ"))?.timezone).toBe("Asia/Kolkata");
    expect(await r.spaces.setTimezone("slack:none", "UTC")).toBeUndefined();
    expect(await r.spaces.get("slack:none")).toBeUndefined();
  });

  it("members: ensured idempotently per space, renamed in place, the same user elsewhere is another member", async () => {
    const r = repos();
    for (const id of ["discord:1", "discord:2"]) await r.spaces.ensure({ id, platform: "discord" }, "UTC");
    const m1 = await r.members.ensure("discord:1", { id: "u", name: "Asha" });
    expect(m1).toEqual({ id: m1.id, spaceId: "discord:1", platformUserId: "u", displayName: "Asha", timezone: null });
    const m1b = await r.members.ensure("discord:1", { id: "u", name: "Asha K" });
    const m2 = await r.members.ensure("discord:2", { id: "u", name: "Asha" });
    expect(m1b).toEqual({ ...m1, displayName: "Asha K" });
    expect(m2.id).not.toBe(m1.id);
    expect(await r.members.get(m1.id)).toEqual(m1b);
    expect(await r.members.get(m2.id)).toEqual(m2);
    expect(await r.members.get(ABSENT_ID)).toBeUndefined();
  });

  it("members: find never creates; a member's own zone is kept by ensure and can be cleared", async () => {
    const r = repos();
    await r.spaces.ensure({ id: "discord:1", platform: "discord" }, "UTC");
    expect(await r.members.find("discord:1", "u")).toBeUndefined();
    expect(await r.members.find("discord:1", "u")).toBeUndefined(); // still nothing: the first find made no member
    const m = await r.members.ensure("discord:1", { id: "u", name: "Asha" });
    expect(await r.members.find("discord:1", "u")).toEqual(m);
    expect(await r.members.find("discord:2", "u")).toBeUndefined();
    await r.members.setTimezone(m.id, "America/Los_Angeles");
    expect(await r.members.get(m.id)).toEqual({ ...m, timezone: "America/Los_Angeles" });
    expect((await r.members.ensure("discord:1", { id: "u", name: "Asha" })).timezone).toBe("America/Los_Angeles");
    expect((await r.members.find("discord:1", "u"))?.timezone).toBe("America/Los_Angeles");
    await r.members.setTimezone(m.id, null);
    expect((await r.members.ensure("discord:1", { id: "u", name: "Asha" })).timezone).toBeNull();
    await r.members.setTimezone(ABSENT_ID, "UTC"); // nobody: nothing happens
    expect(await r.members.get(ABSENT_ID)).toBeUndefined();
  });
}
