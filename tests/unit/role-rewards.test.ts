/** Role rewards in the core (issue 22): who should hold which role, and a failing grant told once. */
import { describe, expect, it } from "vitest";
import { PermanentDeliveryError } from "../../src/bot/errors.js";
import type { Outbox, RoleReward } from "../../src/bot/ports.js";
import { applyRewards, rewardChanges } from "../../src/bot/services/role-rewards.js";
import { FakeClock } from "../fakes/core.js";
import { createMemoryRepos } from "../fakes/memory-repos.js";

const reward = (roleId: string, kind: RoleReward["kind"], threshold: number, removeOnBreak = false): RoleReward =>
  ({ id: threshold, spaceId: "discord:g", roleId, kind, threshold, removeOnBreak, createdBy: "admin", problem: null });

describe("rewardChanges", () => {
  const rewards = [reward("s7", "streak", 7, true), reward("s3", "streak", 3), reward("l2", "level", 2)];
  it("gives what the standing reaches and is not held; judges only what is given", () => {
    expect(rewardChanges(rewards, new Set(), { streak: 7 }).grant.map((r) => r.roleId)).toEqual(["s7", "s3"]);
    expect(rewardChanges(rewards, new Set(["s3"]), { streak: 7, level: 2 }).grant.map((r) => r.roleId)).toEqual(["s7", "l2"]);
    expect(rewardChanges(rewards, new Set(), { level: 3 }).grant.map((r) => r.roleId)).toEqual(["l2"]);
    expect(rewardChanges(rewards, new Set(), {})).toEqual({ grant: [], revoke: [] });
  });
  it("takes back only remove-on-break streak rewards once the streak is below them", () => {
    expect(rewardChanges(rewards, new Set(["s7", "s3", "l2"]), { streak: 0 }).revoke.map((r) => r.roleId)).toEqual(["s7"]);
    expect(rewardChanges(rewards, new Set(["s7"]), { streak: 8 }).revoke).toEqual([]);
    expect(rewardChanges(rewards, new Set(["s7"]), { level: 1 }).revoke).toEqual([]);
  });
});

describe("applyRewards", () => {
  it("a refused grant never throws, is recorded on the reward, and the admin is told once; a later success clears it", async () => {
    const repos = createMemoryRepos();
    const posts: unknown[] = [];
    let refuse = true;
    const outbox: Outbox = {
      async post(target, _reply, opts) { posts.push({ target, key: opts?.idempotencyKey }); return { channelId: "dm", messageId: "m" }; },
      async checkRole() { return { ok: false, problem: "missingManageRoles", name: "@Streak-3", botRole: "@bot" }; },
      async setMemberRole() { if (refuse) throw new PermanentDeliveryError("Discord refused: missing permissions (50013)"); },
    };
    const deps = { ...repos, outbox, logger: { info() {}, warn() {}, error() {} }, clock: new FakeClock() };
    await repos.spaces.ensure({ id: "discord:g", platform: "discord" }, "UTC");
    const saved = await repos.roles.setReward({ spaceId: "discord:g", roleId: "s3", kind: "streak", threshold: 3, removeOnBreak: false, createdBy: "admin" }, new Date());
    for (const id of ["a", "b"]) {
      const m = await repos.members.ensure("discord:g", { id, name: id });
      await applyRewards(deps, "discord:g", m, { streak: 3 });
      expect(await repos.roles.held(m.id)).toEqual([]);
    }
    expect(posts).toEqual([{ target: { spaceId: "discord:g", channelId: "", userId: "admin" }, key: `role-problem-${saved.id}` }]);
    expect((await repos.roles.rewards("discord:g"))[0]!.problem).toContain("50013");
    refuse = false;
    const c = await repos.members.ensure("discord:g", { id: "c", name: "c" });
    await applyRewards(deps, "discord:g", c, { streak: 4 });
    expect(await repos.roles.held(c.id)).toEqual(["s3"]);
    expect((await repos.roles.rewards("discord:g"))[0]!.problem).toBeNull();
  });
});
