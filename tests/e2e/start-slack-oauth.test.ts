/**
 * `npm start` as a distributed Slack app (issue 21): the real process with SLACK_CLIENT_ID /
 * SLACK_CLIENT_SECRET / SLACK_STATE_SECRET and no bot token serves /slack/install and
 * /slack/oauth_redirect on HTTP_PORT, keeps the installation in its SQLite file and answers the
 * installed workspace with that workspace's token. Both modes configured: one line, exit 1.
 */
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, ownLines, scratchDir, startConsole } from "./console-process.js";
import { formBody, postSigned, slashCommand } from "./slack-fake/requests.js";
import { startFakeSlack, type FakeSlack } from "./slack-fake/server.js";

const OAUTH = { clientId: "333.444", clientSecret: "process-client-secret" };
const SIGNING_SECRET = "process-signing-secret";
const { dir, remove } = scratchDir("prepcoach-oauth-start-");
let slack: FakeSlack | undefined;

afterAll(async () => {
  await slack?.close();
  await remove();
});

describe("npm start as a distributed Slack app", () => {
  it("installs a workspace through the process's own /slack/install and answers it with that workspace's token", async () => {
    slack = await startFakeSlack({ oauth: OAUTH });
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    slack.oauth!.redirectUrl = `${base}/slack/oauth_redirect`;
    const file = join(dir, "bot.db");
    const app = startConsole({
      LOG_LEVEL: "info", DATABASE_URL: `file:${file}`, HTTP_PORT: String(port), SLACK_API_URL: slack.apiUrl, SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_CLIENT_ID: OAUTH.clientId, SLACK_CLIENT_SECRET: OAUTH.clientSecret, SLACK_STATE_SECRET: "process-state-secret-0123456789",
    });
    try {
      await app.waitFor(/prepcoach is running/, 0, 45_000);
      const start = await fetch(`${base}/slack/install`, { redirect: "manual" });
      expect(start.status).toBe(302);
      const consent = new URL(start.headers.get("location")!);
      consent.searchParams.set("fake_team", "T9");
      const allowed = await fetch(consent, { redirect: "manual" });
      const done = await fetch(allowed.headers.get("location")!, { headers: { cookie: (start.headers.get("set-cookie") ?? "").split(";")[0]! } });
      expect(await done.text()).toContain("prepcoach is installed");
      const token = [...slack.oauth!.installed.values()][0]!.botToken;
      const db = new Database(file, { readonly: true });
      expect(db.prepare("select space_id, team_id, bot_token from slack_installations").all()).toEqual([{ space_id: "slack:T9", team_id: "T9", bot_token: token }]);
      db.close();

      const body = formBody(slashCommand({ team: { id: "T9", domain: "nine" }, userId: "U9", command: "/coach", text: "help", responseUrl: slack.responseUrl("oauth-help") }));
      expect((await postSigned(`${base}/slack/events`, SIGNING_SECRET, body, "application/x-www-form-urlencoded")).status).toBe(200);
      await slack.waitFor(() => slack!.responses.find((r) => r.id === "oauth-help"));
      expect(slack.ok("users.info").map((c) => c.token)).toEqual([token]);
      // The token never reaches the log.
      expect(app.output()).not.toContain(token);
    } finally {
      app.signal("SIGTERM");
      await app.exited;
    }
  });

  it("refuses SLACK_BOT_TOKEN and SLACK_CLIENT_ID together with one line naming both, exit 1", async () => {
    const app = startConsole({
      DATABASE_URL: `file:${join(dir, "both.db")}`, SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s",
      SLACK_CLIENT_ID: "1.2", SLACK_CLIENT_SECRET: "x", SLACK_STATE_SECRET: "a-long-random-state-secret",
    });
    expect(await app.exited).not.toBe(0);
    expect(ownLines(app.output())).toEqual([expect.stringMatching(/^prepcoach: Invalid environment: SLACK_BOT_TOKEN: or SLACK_CLIENT_ID, not both/)]);
  });
});
