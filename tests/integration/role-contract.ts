/** RoleRepo cases of the repository contract (repo-contract.ts), run against SQLite and the twin. */
import { expect, it } from "vitest";
import type { Repos } from "../../src/storage/index.js";

export function roleContractCases(repos: () => Repos, at: Date) {
  const setup = async () => {
    const r = repos();
    await r.spaces.ensure({ id: "discord:R1", platform: "discord" }, "UTC");
    await r.spaces.ensure({ id: "discord:R2", platform: "discord" }, "UTC");
    const a = await r.members.ensure("discord:R1", { id: "a", name: "A" });
    const b = await r.members.ensure("discord:R1", { id: "b", name: "B" });
    return { r, a: a.id, b: b.id };
  };

  it("roles: one ping per space, set, replaced and cleared", async () => {
    const { r } = await setup();
    expect(await r.roles.ping("discord:R1")).toBeUndefined();
    await r.roles.setPing("discord:R1", "111", at);
    await r.roles.setPing("discord:R1", "222", at);
    expect(await r.roles.ping("discord:R1")).toBe("222");
    expect(await r.roles.ping("discord:R2")).toBeUndefined();
    await r.roles.setPing("discord:R1", null, at);
    expect(await r.roles.ping("discord:R1")).toBeUndefined();
  });

  it("roles: one reward per (space, role), lowest threshold first; replacing clears its problem; the problem is news once", async () => {
    const { r } = await setup();
    const seven = await r.roles.setReward({ spaceId: "discord:R1", roleId: "r7", kind: "streak", threshold: 7, removeOnBreak: true, createdBy: "admin" }, at);
    await r.roles.setReward({ spaceId: "discord:R1", roleId: "r3", kind: "level", threshold: 3, removeOnBreak: false, createdBy: "admin" }, at);
    await r.roles.setReward({ spaceId: "discord:R2", roleId: "r7", kind: "streak", threshold: 2, removeOnBreak: false, createdBy: "x" }, at);
    expect((await r.roles.rewards("discord:R1")).map((x) => [x.roleId, x.kind, x.threshold, x.removeOnBreak])).toEqual([["r3", "level", 3, false], ["r7", "streak", 7, true]]);
    expect(await r.roles.setProblem(seven.id, "missingManageRoles")).toBe(true);
    expect(await r.roles.setProblem(seven.id, "missingManageRoles")).toBe(false);
    expect((await r.roles.rewards("discord:R1")).find((x) => x.roleId === "r7")?.problem).toBe("missingManageRoles");
    const again = await r.roles.setReward({ spaceId: "discord:R1", roleId: "r7", kind: "streak", threshold: 14, removeOnBreak: false, createdBy: "admin2" }, at);
    expect(again).toEqual({ id: seven.id, spaceId: "discord:R1", roleId: "r7", kind: "streak", threshold: 14, removeOnBreak: false, createdBy: "admin2", problem: null });
    expect(await r.roles.setProblem(9_999, "x")).toBe(false);
    expect(await r.roles.removeReward("discord:R1", "r7")).toBe(true);
    expect(await r.roles.removeReward("discord:R1", "r7")).toBe(false);
    expect((await r.roles.rewards("discord:R1")).map((x) => x.roleId)).toEqual(["r3"]);
    expect((await r.roles.rewards("discord:R2")).map((x) => x.threshold)).toEqual([2]);
  });

  it("roles: grants recorded once per (member, role) and revoked", async () => {
    const { r, a, b } = await setup();
    await r.roles.granted("discord:R1", a, "r7", at);
    await r.roles.granted("discord:R1", a, "r7", at);
    await r.roles.granted("discord:R1", a, "r3", at);
    await r.roles.granted("discord:R1", b, "r7", at);
    expect(await r.roles.held(a)).toEqual(["r3", "r7"]);
    await r.roles.revoked(a, "r7");
    await r.roles.revoked(a, "r7");
    expect(await r.roles.held(a)).toEqual(["r3"]);
    expect(await r.roles.held(b)).toEqual(["r7"]);
  });
}
