/**
 * Slack's replay rule through the real bolt app: a correctly signed request dated more than five
 * minutes from now, ahead or behind, is refused and reaches nothing; one inside the window works.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formBody, postSigned, slashCommand } from "./slack-fake/requests.js";
import { SIGNING_SECRET, startSlackSetup, type SlackSetup } from "./slack-fake/setup.js";

let s: SlackSetup;
beforeAll(async () => { s = await startSlackSetup(); });
afterAll(async () => { await s?.close(); });

const quiz = (id: string) => formBody(slashCommand({ userId: "U1", command: "/quiz", text: "caching", responseUrl: s.fake.responseUrl(id) }));

describe("signed Slack requests and the clock", () => {
  it.each([
    ["six minutes ahead", 6 * 60],
    ["six minutes behind", -6 * 60],
  ])("%s: 401, and the command never runs", async (_, skew) => {
    const before = s.count("processed_events");
    const res = await postSigned(s.eventsUrl, SIGNING_SECRET, quiz(`skew${skew}`), "application/x-www-form-urlencoded", { skewSeconds: skew });
    expect(res.status).toBe(401);
    expect(s.count("processed_events")).toBe(before);
    expect(s.fake.responses.filter((r) => r.id === `skew${skew}`)).toEqual([]);
  });

  it("four minutes ahead (clocks drift a little): answered", async () => {
    const res = await postSigned(s.eventsUrl, SIGNING_SECRET, quiz("near"), "application/x-www-form-urlencoded", { skewSeconds: 4 * 60 });
    expect(res.status).toBe(200);
    await s.fake.waitFor(() => s.fake.responses.find((r) => r.id === "near"));
  });
});
