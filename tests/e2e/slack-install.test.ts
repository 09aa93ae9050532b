/**
 * Many workspaces per deployment (issue 21): the real bolt app in distributed mode (no bot
 * token), workspaces installed through its own /slack/install → Slack's consent screen →
 * /slack/oauth_redirect, against the fake Slack's strict OAuth v2 (oauth.ts). Every call for a
 * workspace, from a slash command or from a job, must carry that workspace's token.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { realCurriculum, startSlackSetup, OAUTH, type SlackSetup } from "./slack-fake/setup.js";
import { sendEvent, slash } from "./slack-fake/helpers.js";
import { formBody } from "./slack-fake/requests.js";

const BANK_CSV = readFileSync(join(import.meta.dirname, "../../docs/examples/question-bank.csv"));

let s: SlackSetup | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

const T1 = { id: "T1", domain: "acme" };
const T2 = { id: "T2", domain: "globex" };

/** The state cookie bolt sets on /slack/install, as a browser would send it back. */
const cookieOf = (res: Response) => (res.headers.get("set-cookie") ?? "").split(";")[0]!;

/** A person installs the app into `team` as a browser does it: the three hops, cookie kept. */
async function install(setup: SlackSetup, team: { id: string; domain: string }) {
  const start = await fetch(`${setup.appUrl}/slack/install`, { redirect: "manual" });
  expect(start.status).toBe(302);
  const cookie = cookieOf(start);
  const consent = new URL(start.headers.get("location")!);
  expect(consent.origin).toBe(setup.fake.baseUrl);
  expect(consent.pathname).toBe("/oauth/v2/authorize");
  // The person picks the workspace on Slack's screen and clicks Allow.
  consent.searchParams.set("fake_team", team.id);
  consent.searchParams.set("fake_team_name", team.domain);
  const allowed = await fetch(consent, { redirect: "manual" });
  expect(allowed.status).toBe(302);
  const back = allowed.headers.get("location")!;
  const done = await fetch(back, { headers: { cookie } });
  return { consent, back, cookie, status: done.status, page: await done.text() };
}

const tokenOf = (setup: SlackSetup, teamId: string) => [...setup.fake.oauth!.installed.values()].find((w) => w.teamId === teamId)!.botToken;

describe("Slack distributed app: installs through OAuth, a token per workspace", () => {
  it("installs two workspaces; each one's slash command and daily post use its own token; uninstall and token revocation remove the rows", async () => {
    s = await startSlackSetup({ oauth: true, withJobs: true });
    const one = await install(s, T1);
    expect(one.consent.searchParams.get("client_id")).toBe(OAUTH.clientId);
    expect(one.consent.searchParams.get("scope")!.split(",")).toEqual(expect.arrayContaining(["commands", "chat:write", "users:read"]));
    expect(one.status).toBe(200);
    expect(one.page).toContain("prepcoach now serves acme");
    const two = await install(s, T2);
    expect(two.status).toBe(200);

    const row1 = await s.repos.installations.find("slack:T1");
    const row2 = await s.repos.installations.find("slack:T2");
    expect(row1).toMatchObject({ workspaceId: "T1", workspaceName: "acme", botToken: tokenOf(s, "T1"), botUserId: "UBOTT1", installedBy: "U-T1-admin", appId: "A1" });
    expect(row1!.scopes).toEqual(expect.arrayContaining(["commands", "chat:write"]));
    expect(row2).toMatchObject({ workspaceId: "T2", botToken: tokenOf(s, "T2") });
    expect(row1!.botToken).not.toBe(row2!.botToken);
    // bolt checked each new token (auth.test) with that token, and exchanged each code once with the app's secret.
    expect(s.fake.ok("oauth.v2.access").map((c) => [c.args.client_id, c.args.client_secret])).toEqual([[OAUTH.clientId, OAUTH.clientSecret], [OAUTH.clientId, OAUTH.clientSecret]]);

    // A slash command from each workspace: the group announcement goes to its channel with its token.
    for (const [team, channel] of [[T1, "C-acme"], [T2, "C-globex"]] as const) {
      const res = await slash(s, { team, userId: `U-${team.id}`, command: "/coach", text: `group create ${team.domain}-crew`, responseId: `r-${team.id}`, channelId: channel });
      expect(res.status).toBe(200);
    }
    const posts = await s.fake.waitFor(() => {
      const p = s!.fake.ok("chat.postMessage");
      return p.length >= 2 && p;
    });
    expect(posts.map((p) => [p.args.channel, p.token])).toEqual(expect.arrayContaining([["C-acme", tokenOf(s, "T1")], ["C-globex", tokenOf(s, "T2")]]));
    expect(posts.find((p) => p.args.channel === "C-acme")!.args.text).toContain("acme-crew");
    const lookups = s.fake.ok("users.info").map((c) => [c.args.user, c.token]);
    expect(lookups).toEqual(expect.arrayContaining([["U-T1", tokenOf(s, "T1")], ["U-T2", tokenOf(s, "T2")]]));

    // A job (the daily post through the outbox) for workspace 2 posts with workspace 2's token.
    s.clock.current = new Date("2026-11-23T09:01:00Z");
    const plan = realCurriculum().plans[0]!;
    await s.repos.spaces.ensure({ id: "slack:T2", platform: "slack" }, "UTC");
    await s.repos.subscriptions.upsert({
      spaceId: "slack:T2", channelId: "C-daily", time: "09:00", timezone: "UTC", days: ["mon"], planId: plan.id, startDate: "2026-11-23", createdBy: "U-T2", updatedAt: s.clock.now(),
    });
    expect(await s.jobs!.catchUp()).toBe(1);
    const daily = await s.fake.waitFor(() => s!.fake.ok("chat.postMessage").find((c) => c.args.channel === "C-daily"));
    expect(daily.token).toBe(tokenOf(s, "T2"));

    // Workspace 1 uninstalls the app: Slack revokes the token and sends app_uninstalled.
    s.fake.oauth!.revoke("T1");
    expect((await sendEvent(s, { type: "app_uninstalled" }, "T1")).status).toBe(200);
    await s.fake.waitFor(async () => (await s!.repos.installations.find("slack:T1")) === undefined);
    expect(s.count("slack_installations")).toBe(1);
    // Workspace 2 revokes the bot's token (tokens_revoked).
    expect((await sendEvent(s, { type: "tokens_revoked", tokens: { bot: ["UBOTT2"] } }, "T2")).status).toBe(200);
    await s.fake.waitFor(() => s!.count("slack_installations") === 0);
    // A post for an uninstalled workspace fails for good (the jobs layer stops retrying), with no call made.
    const before = s.fake.calls.length;
    await expect(s.adapter.outbox.post({ spaceId: "slack:T1", channelId: "C-acme" }, { visibility: "channel", blocks: [], fallback: "hi" }))
      .rejects.toMatchObject({ name: "PermanentDeliveryError" });
    expect(s.fake.calls.length).toBe(before);
    expect(s.errors).toEqual([]);
  });

  it("a question bank in a distributed app: the paste modal and a file shared in the DM use the workspace's own token", async () => {
    s = await startSlackSetup({ oauth: true, adminUserIds: ["UADMIN"] });
    await install(s, T1);
    await install(s, T2);
    const t1 = tokenOf(s, "T1");
    // `/coach bank import` opens the paste modal with T1's token (there is no app-wide token).
    await slash(s, { team: T1, userId: "UADMIN", command: "/coach", text: "bank import", responseId: "import" });
    const opened = await s.fake.waitFor(() => s!.fake.ok("views.open")[0]);
    expect(opened.token).toBe(t1);

    // A file shared in T1's DM with the bot: files.info and the download with T1's token.
    await sendEvent(s, s.fake.shared.share({ user: "UADMIN", channel: "DUADMIN", name: "question-bank.csv", data: BANK_CSV, mimetype: "text/csv" }), "T1");
    const answered = await s.fake.waitFor(() => s!.fake.ok("chat.postMessage").find((c) => c.args.channel === "DUADMIN"));
    expect(String(answered.args.text)).toContain("Question bank imported: 4 items from question-bank.csv");
    expect(answered.token).toBe(t1);
    expect(s.fake.ok("files.info").map((c) => c.token)).toEqual([t1]);
    expect(s.fake.shared.downloads.map((d) => [d.authorization, d.status])).toEqual([[`Bearer ${t1}`, 200]]);
    expect(s.db.$client.prepare("select space_id, count(*) as n from bank_items group by space_id").all()).toEqual([{ space_id: "slack:T1", n: 4 }]);

    // The fake is as strict as Slack: another workspace's token neither sees the file nor downloads it.
    const t2 = tokenOf(s, "T2");
    const info = await fetch(`${s.fake.apiUrl}files.info`, { method: "POST", headers: { authorization: `Bearer ${t2}`, "content-type": "application/json" }, body: JSON.stringify({ file: s.fake.shared.files[0]!.id }) });
    expect(await info.json()).toEqual({ ok: false, error: "file_not_found" });
    const url = (s.fake.shared.info({ file: s.fake.shared.files[0]!.id }) as { file: { url_private_download: string } }).file.url_private_download;
    expect((await fetch(url, { headers: { authorization: `Bearer ${t2}` }, redirect: "manual" })).status).toBe(302);
    expect(s.errors).toEqual([]);
  });

  it("refuses a redirect without the browser's state cookie, a replayed code and a wrong client secret: no installation", async () => {
    s = await startSlackSetup({ oauth: true });
    const start = await fetch(`${s.appUrl}/slack/install`, { redirect: "manual" });
    const consent = new URL(start.headers.get("location")!);
    const allowed = await fetch(consent, { redirect: "manual" });
    const back = allowed.headers.get("location")!;
    // Another browser (no cookie) cannot complete someone else's install (CSRF).
    const stolen = await fetch(back);
    expect(stolen.status).toBe(400);
    expect(await stolen.text()).toContain("prepcoach was not installed");
    expect(s.fake.ok("oauth.v2.access")).toEqual([]);
    expect(s.count("slack_installations")).toBe(0);

    const ok = await install(s, T1);
    expect(ok.status).toBe(200);
    // The same code again (a reloaded page): Slack refuses it, nothing new is stored.
    const replay = await fetch(ok.back, { headers: { cookie: ok.cookie } });
    expect(replay.status).toBe(400);
    expect(s.fake.calls.filter((c) => c.method === "oauth.v2.access").length).toBe(2);
    expect(s.count("slack_installations")).toBe(1);

    // The fake is as strict as Slack about the app's own credentials.
    const wrong = await fetch(`${s.fake.apiUrl}oauth.v2.access`, {
      method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" },
      body: formBody({ client_id: OAUTH.clientId, client_secret: "not-the-secret", code: "whatever" }),
    });
    expect(await wrong.json()).toEqual({ ok: false, error: "bad_client_secret" });
    // A call with no installed workspace's token is refused.
    const anon = await fetch(`${s.fake.apiUrl}auth.test`, { method: "POST", headers: { authorization: "Bearer xoxb-made-up" } });
    expect(await anon.json()).toEqual({ ok: false, error: "invalid_auth" });
    // And one with no token at all (a distributed app has no app-wide token to fall back on).
    const none = await fetch(`${s.fake.apiUrl}auth.test`, { method: "POST" });
    expect(await none.json()).toEqual({ ok: false, error: "not_authed" });
  });
});
