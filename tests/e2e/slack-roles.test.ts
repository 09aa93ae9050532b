/**
 * A user group on Slack's daily post (issue 22): the real bolt app and jobs against the fake Slack.
 * The admin picks the group in `/coach config ping` (Slack escapes it as <!subteam^ID|@handle>);
 * the scheduled post then mentions it. Role rewards are Discord's: Slack says so.
 */
import { afterEach, describe, expect, it } from "vitest";
import { blocksOf, headerOf, response, slash, textOf, type Blk } from "./slack-fake/helpers.js";
import { realCurriculum, startSlackSetup, type SlackSetup } from "./slack-fake/setup.js";

let s: SlackSetup | undefined;
afterEach(async () => {
  expect(s?.errors ?? []).toEqual([]);
  await s?.close();
  s = undefined;
});

describe("user groups on Slack", () => {
  it("/coach config ping <group>: the scheduled daily post mentions the user group; a reward is refused with why", async () => {
    s = await startSlackSetup({ withJobs: true, adminUserIds: ["UADMIN"] });
    await slash(s, { userId: "UADMIN", command: "/coach", text: "config ping role <!subteam^S0ONCALL|@study-crew>", responseId: "ping" });
    const set = await response(s.fake, "ping");
    expect(headerOf(blocksOf(set.body))).toBe("Daily post ping set");
    expect(textOf(blocksOf(set.body))).toContain("Every daily post here now mentions *@study-crew*");
    expect(await s.repos.roles.ping("slack:T1")).toBe("S0ONCALL");

    await slash(s, { userId: "UADMIN", command: "/coach", text: "config reward role <!subteam^S0ONCALL|@study-crew> streak 7", responseId: "reward" });
    expect(textOf(blocksOf((await response(s.fake, "reward")).body))).toContain("Role rewards need roles a bot can give members, which Slack doesn't offer");
    expect(await s.repos.roles.rewards("slack:T1")).toEqual([]);

    s.clock.current = new Date("2026-11-23T09:01:00Z");
    const plan = realCurriculum().plans[0]!;
    await s.repos.subscriptions.upsert({
      spaceId: "slack:T1", channelId: "C9", time: "09:00", timezone: "UTC", days: ["mon", "tue", "wed", "thu", "fri"],
      planId: plan.id, startDate: "2026-11-23", createdBy: "UADMIN", updatedAt: s.clock.now(),
    });
    expect(await s.jobs!.catchUp()).toBe(1);
    const posted = await s.fake.waitFor(() => s!.fake.ok("chat.postMessage").find((c) => c.args.channel === "C9"));
    const blocks = posted.args.blocks as Blk[];
    expect(blocks[0]).toEqual({ type: "section", text: { type: "mrkdwn", text: "<!subteam^S0ONCALL>" } });
    expect(String(posted.args.text).startsWith("<!subteam^S0ONCALL> ")).toBe(true);
    expect(headerOf(blocks)).toBe(`${plan.title} — day 1 of ${plan.days.length}`);
    // Nobody else: no @channel, @here or @everyone anywhere in the post.
    expect(JSON.stringify(posted.args)).not.toMatch(/<!(channel|here|everyone)>/);
  });
});
