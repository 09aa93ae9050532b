/**
 * `npm start` that cannot start says why in one line and exits 1: no stack trace, no follow-on
 * noise. A wrong Slack token (the fake Slack answers invalid_auth, as Slack does), a database
 * file that cannot be opened and a PostgreSQL server that cannot be reached.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, ownLines, scratchDir, startConsole } from "./console-process.js";
import { startFakeSlack, type FakeSlack } from "./slack-fake/server.js";

const { dir, remove } = scratchDir("prepcoach-start-fail-");
let slack: FakeSlack | undefined;
afterAll(async () => {
  await slack?.close();
  await remove();
});

describe("npm start that cannot start", () => {
  it("a wrong SLACK_BOT_TOKEN: one line naming the token's problem, exit 1", async () => {
    slack = await startFakeSlack({ botToken: "xoxb-the-right-one" });
    const app = startConsole({
      LOG_LEVEL: "info", DATABASE_URL: `file:${join(dir, "slack.db")}`, HTTP_PORT: String(await freePort()),
      SLACK_BOT_TOKEN: "xoxb-wrong", SLACK_SIGNING_SECRET: "s", SLACK_API_URL: slack.apiUrl,
    });
    expect(await app.exited).not.toBe(0);
    const errors = ownLines(app.output()).filter((l) => !l.startsWith("{") || /"level":(50|60)/.test(l));
    expect(errors).toEqual([expect.stringMatching(/^prepcoach: .*SLACK_BOT_TOKEN.*invalid_auth/)]);
    expect(app.output()).not.toMatch(/\n\s+at /);
  });

  it("a database that cannot be opened: its path and the cause, exit 1", async () => {
    const notADb = join(dir, "garbage.db");
    writeFileSync(notADb, "this is not an SQLite file, just text long enough to have a header ".repeat(20));
    const app = startConsole({ DATABASE_URL: `file:${notADb}` });
    expect(await app.exited).toBe(1);
    expect(ownLines(app.output())).toEqual([`prepcoach: cannot open the database ${notADb}: file is not a database`]);

    const blocked = join(dir, "a-file");
    writeFileSync(blocked, "");
    const under = startConsole({ DATABASE_URL: `file:${join(blocked, "db.sqlite")}` });
    expect(await under.exited).toBe(1);
    expect(ownLines(under.output())).toEqual([expect.stringMatching(new RegExp(`^prepcoach: cannot open the database ${join(blocked, "db.sqlite")}: .*(EEXIST|ENOTDIR)`))]);
  });

  it("a PostgreSQL server that is not there: the server (password hidden) and the cause, exit 1", async () => {
    const port = await freePort();
    const app = startConsole({ DATABASE_URL: `postgres://coach:s3cret@127.0.0.1:${port}/prepcoach` });
    expect(await app.exited).toBe(1);
    expect(ownLines(app.output())).toEqual([`prepcoach: cannot open the database postgres://coach:***@127.0.0.1:${port}/prepcoach: connect ECONNREFUSED 127.0.0.1:${port}`]);
  });
});
