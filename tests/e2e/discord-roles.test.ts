/**
 * Roles on Discord end to end (issue 22): the real discord.js client in the adapter, the real
 * core on SQLite and the jobs on Redis, against the fake Discord's guild roles (discord-fake/guild.ts),
 * which refuses role changes as Discord does (403 50013) without Manage Roles or above the bot's role.
 */
import { describe, expect, it } from "vitest";
import { streakReminderSweep } from "../../src/bot/services/streaks.js";
import { SPACE, type DiscordHarness, useDiscordHarness } from "./discord-fake/harness.js";
import { PERMS } from "./discord-fake/guild.js";
import { ADMIN, click, command, int, str, type Who } from "./discord-fake/payloads.js";
import { FAKE, type FakeDiscord, type StoredMessage } from "./discord-fake/server.js";

let h: DiscordHarness;
let fake: FakeDiscord;

type Button = { custom_id: string };
const buttonsOf = (m: StoredMessage): Button[] => (m.components as Array<{ components: Button[] }>).flatMap((r) => r.components);
const messagesOf = (interactionId: string) => fake.messages.filter((m) => m.interactionId === interactionId);
const shownIn = (m: StoredMessage) => (m.embeds as Array<{ title?: string; description?: string; fields?: Array<{ name: string; value: string }> }>)
  .flatMap((e) => [e.title ?? "", e.description ?? "", ...(e.fields ?? []).flatMap((f) => [f.name, f.value])]).join("\n");

async function replyTo(p: { id: string }): Promise<StoredMessage> {
  await fake.waitFor(() => fake.callbacks.find((c) => c.interactionId === p.id && (c.type === 4 || c.type === 5)));
  return fake.waitFor(() => messagesOf(p.id).find((m) => m.embeds.length > 0 || m.content));
}

/** A ROLE option (type 8) as Discord sends it: the id, with the role in `resolved`. */
function withRole(p: ReturnType<typeof command>, roleId: string) {
  const r = fake.guild.roles.get(roleId)!;
  const data = p.data as Record<string, unknown>;
  data.resolved = { roles: { [roleId]: { id: roleId, name: r.name, permissions: r.permissions.toString(), position: r.position, color: 0, hoist: false, managed: r.managed, mentionable: r.mentionable, icon: null, unicode_emoji: null, flags: 0 } } };
  return p;
}

async function config(sub: string, options: Array<{ name: string; type: number; value?: string | number | boolean }>, roleId?: string): Promise<StoredMessage> {
  const p = command(fake, ADMIN, "config", options as Parameters<typeof command>[3], { sub });
  fake.interact(roleId ? withRole(p, roleId) : p);
  return replyTo(p);
}
const role = (id: string) => ({ name: "role", type: 8, value: id });

/** `/quiz` (multiple choice) by `who` and a click on its first option: one scored answer. */
async function answerOnce(who: Who): Promise<void> {
  const topic = h.curriculum.topics.find((t) => t.questions.some((q) => q.format === "mcq" && q.level === 1))!;
  const p = command(fake, who, "quiz", [str("topic", topic.id), int("level", 1), str("format", "mcq")]);
  fake.interact(p);
  const question = await replyTo(p);
  const first = buttonsOf(question).find((b) => b.custom_id.startsWith("quiz.answer:"))!;
  const c = click(fake, who, question, first.custom_id);
  fake.interact(c);
  await fake.waitFor(() => messagesOf(c.id).length > 0);
}

/** A streak of `current` days, last counted yesterday: today's answer makes it current + 1. */
async function streakOf(who: Who, current: number): Promise<number> {
  const m = await h.repos.members.ensure(SPACE, { id: who.id, name: who.name });
  await h.repos.streaks.save({ memberId: m.id, spaceId: SPACE, current, best: current, freezes: 0, lastDate: "2026-11-22", remindersOn: false, remindedOn: null });
  return m.id;
}

const roleCalls = () => fake.requests.filter((r) => r.template === "/guilds/{guild_id}/members/{user_id}/roles/{role_id}");

useDiscordHarness((started) => {
  h = started;
  fake = h.fake;
});

describe("roles on Discord", () => {
  it("registers /config ping and reward with a role picker (type 8)", async () => {
    const put = await fake.waitFor(() => fake.requests.find((r) => r.method === "PUT" && r.path.endsWith("/commands")));
    const config = (put.body as Array<{ name: string; options: Array<{ name: string; options: Array<{ name: string; type: number }> }> }>).find((c) => c.name === "config")!;
    const sub = (n: string) => config.options.find((o) => o.name === n)!.options.map((o) => [o.name, o.type]);
    expect(sub("ping")).toEqual([["role", 8]]);
    expect(sub("reward")).toEqual([["role", 8], ["streak", 4], ["level", 4], ["remove_on_break", 5]]);
    expect(sub("roles")).toEqual([]);
  });

  it("/config ping: the daily post mentions that role, and only it (allowed_mentions roles, parse empty); @everyone is refused", async () => {
    const everyone = await config("ping", [role(FAKE.guildId)], FAKE.guildId);
    expect(shownIn(everyone)).toContain("I never mention or give @everyone");
    expect(await h.repos.roles.ping(SPACE)).toBeUndefined();

    const study = fake.guild.addRole("Study Squad", { mentionable: true });
    const set = await config("ping", [role(study)], study);
    expect(shownIn(set)).toContain("Every daily post here now mentions **@Study Squad**");

    h.clock.current = new Date("2026-11-23T09:01:00Z");
    const sub = await h.repos.subscriptions.upsert({
      spaceId: SPACE, channelId: FAKE.daily, time: "09:00", timezone: "UTC", days: ["mon", "tue", "wed", "thu", "fri"],
      planId: null, startDate: "2026-11-23", createdBy: ADMIN.id, updatedAt: h.clock.now(),
    });
    expect(await h.jobs.catchUp([sub])).toBe(1);
    const posted = await fake.waitFor(() => fake.messages.find((m) => m.channel_id === FAKE.daily));
    expect(posted.content.startsWith(`<@&${study}>`)).toBe(true);
    expect(posted.allowed_mentions).toEqual({ parse: [], roles: [study] });
    expect(posted.embeds.length).toBeGreaterThan(0);
    await h.repos.subscriptions.setPaused(sub.id, true, "test over", h.clock.now());
    await h.jobs.scheduler.subscriptionChanged((await h.repos.subscriptions.byId(sub.id))!);

    await config("ping-clear", []);
    expect(await h.repos.roles.ping(SPACE)).toBeUndefined();
  });

  it("/config reward without Manage Roles: explains what to change, stores nothing", async () => {
    const seven = fake.guild.addRole("Streak-2", { position: 1 });
    fake.guild.roles.get(fake.guild.botRoleId)!.position = 5;
    const reply = await config("reward", [role(seven), int("streak", 2)], seven);
    expect(shownIn(reply)).toContain("I need the **Manage Roles** permission to give **@Streak-2**. In Server Settings → Roles, give my role (**@prepcoach**) Manage Roles");
    expect(await h.repos.roles.rewards(SPACE)).toEqual([]);
  });

  it("/config reward with a role above the bot's: says to move the bot's role above it", async () => {
    fake.guild.roles.get(fake.guild.botRoleId)!.permissions |= PERMS.manageRoles;
    const high = fake.guild.addRole("Veteran", { position: 9 });
    const reply = await config("reward", [role(high), int("level", 3)], high);
    expect(shownIn(reply)).toContain("Move my role above **@Veteran** in Server Settings → Roles");
    expect(await h.repos.roles.rewards(SPACE)).toEqual([]);
    // A bot's own (managed) role can never be given.
    const managed = await config("reward", [role(fake.guild.botRoleId), int("streak", 3)], fake.guild.botRoleId);
    expect(shownIn(managed)).toContain("belongs to a bot or an integration");
  });

  it("a reward set: the streak reaching 2 gives the role once (PUT), the ended streak takes it back (DELETE) in the sweep", async () => {
    const roleId = [...fake.guild.roles.values()].find((r) => r.name === "Streak-2")!.id;
    const set = await config("reward", [role(roleId), int("streak", 2), { name: "remove_on_break", type: 5, value: true }], roleId);
    expect(shownIn(set)).toContain("Role reward set");
    expect(shownIn(set)).toContain("taken back");
    const asha: Who = { id: "700000000000000021", name: "asha" };
    h.clock.current = new Date("2026-11-23T10:00:00Z");
    const memberId = await streakOf(asha, 1);
    await answerOnce(asha);
    await fake.waitFor(() => fake.guild.rolesOf(asha.id).has(roleId));
    expect(roleCalls().map((r) => [r.method, r.path, r.status])).toEqual([["PUT", `/guilds/${FAKE.guildId}/members/${asha.id}/roles/${roleId}`, 204]]);
    expect(await h.repos.roles.held(memberId)).toEqual([roleId]);
    await answerOnce(asha); // the day counted already: nothing more to give
    expect(roleCalls()).toHaveLength(1);

    // Three days on with no practice and no freezes: the hourly sweep ends the streak.
    h.clock.current = new Date("2026-11-26T12:00:00Z");
    expect(await streakReminderSweep(h.deps, h.clock.now())).toMatchObject({ ended: 1 });
    expect(fake.guild.rolesOf(asha.id).has(roleId)).toBe(false);
    expect(roleCalls().map((r) => [r.method, r.status])).toEqual([["PUT", 204], ["DELETE", 204]]);
    expect(await h.repos.roles.held(memberId)).toEqual([]);
  });

  it("Manage Roles taken away later: the answer is still graded, the admin is told once by DM, /config roles shows why", async () => {
    const roleId = [...fake.guild.roles.values()].find((r) => r.name === "Streak-2")!.id;
    fake.guild.roles.get(fake.guild.botRoleId)!.permissions &= ~PERMS.manageRoles;
    h.clock.current = new Date("2026-11-27T10:00:00Z");
    const before = roleCalls().length;
    for (const who of [{ id: "700000000000000022", name: "kiran" }, { id: "700000000000000023", name: "dev" }]) {
      const m = await h.repos.members.ensure(SPACE, { id: who.id, name: who.name });
      await h.repos.streaks.save({ memberId: m.id, spaceId: SPACE, current: 1, best: 1, freezes: 0, lastDate: "2026-11-26", remindersOn: false, remindedOn: null });
      await answerOnce(who); // graded as usual: answerOnce waits for the grade
      expect(fake.guild.rolesOf(who.id).has(roleId)).toBe(false);
    }
    expect(roleCalls().slice(before).map((r) => [r.method, r.status])).toEqual([["PUT", 403], ["PUT", 403]]);
    const dm = fake.dmChannels.get(ADMIN.id)!;
    const told = fake.messages.filter((m) => m.channel_id === dm && shownIn(m).includes("A role reward didn't work"));
    expect(told).toHaveLength(1);
    expect(shownIn(told[0]!)).toContain("I couldn't give **@Streak-2** (the reward for a 2-day streak) for a member. I need the **Manage Roles** permission");
    const list = await config("roles", []);
    expect(shownIn(list)).toContain("@Streak-2 — a 2-day streak, taken back when the streak ends");
    expect(shownIn(list)).toContain("I need the **Manage Roles** permission");
    h.logged.warnings.splice(0);
  });

  it("a level reward: the answer that reaches level 2 gives the role once (PUT); later answers give nothing more", async () => {
    fake.guild.roles.get(fake.guild.botRoleId)!.permissions |= PERMS.manageRoles;
    const roleId = fake.guild.addRole("Level-2", { position: 2 });
    const set = await config("reward", [role(roleId), int("level", 2)], roleId);
    expect(shownIn(set)).toContain("Role reward set");
    const mei: Who = { id: "700000000000000024", name: "mei" };
    h.clock.current = new Date("2026-11-28T10:00:00Z");
    const m = await h.repos.members.ensure(SPACE, { id: mei.id, name: mei.name });
    // Three strong level-1 answers in the topic answerOnce asks: one answer short of level 2 (4 at ≥ 70 %).
    const topic = h.curriculum.topics.find((t) => t.questions.some((q) => q.format === "mcq" && q.level === 1))!;
    const questionId = topic.questions.find((q) => q.level === 1)!.id;
    for (let i = 0; i < 3; i++) {
      const at = new Date(h.clock.now().getTime() - (3 - i) * 60_000);
      await h.repos.quizzes.open({ id: `lvl-${i}`, spaceId: SPACE, memberId: m.id, questionId, channelId: FAKE.general, kind: "quiz", cardBefore: null, createdAt: at });
      await h.repos.quizzes.recordAnswer({ spaceId: SPACE, memberId: m.id, sessionId: `lvl-${i}`, questionId, topic: topic.id, level: 1, format: "mcq", answer: "A", score: 1, isCorrect: true, at });
    }
    const before = roleCalls().length;
    await answerOnce(mei); // right or wrong, the fourth answer makes 4 at ≥ 75 %: level 2
    await fake.waitFor(() => fake.guild.rolesOf(mei.id).has(roleId));
    expect(roleCalls().slice(before).map((r) => [r.method, r.path, r.status])).toEqual([["PUT", `/guilds/${FAKE.guildId}/members/${mei.id}/roles/${roleId}`, 204]]);
    expect(await h.repos.roles.held(m.id)).toEqual([roleId]);
    // Kept: more answers (still level 2) call Discord no more.
    await answerOnce(mei);
    await answerOnce(mei);
    expect(roleCalls()).toHaveLength(before + 1);
    expect(await h.repos.roles.held(m.id)).toEqual([roleId]);
  });
});
