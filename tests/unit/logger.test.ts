import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, plainLines } from "../../src/logger.js";

describe("logs", () => {
  it("never contain a token or secret", () => {
    let out = "";
    const sink = new Writable({ write(chunk, _enc, done) { out += String(chunk); done(); } });
    const log = createLogger("info", sink);
    const token = "MTE5.secret-discord-token.XYZ";
    log.info({ config: { DISCORD_TOKEN: token, SLACK_BOT_TOKEN: "xoxb-123-secret", SLACK_SIGNING_SECRET: "shh" } }, "config loaded");
    log.info({ token, headers: { authorization: `Bot ${token}` } }, "request");
    log.error({ req: { headers: { authorization: `Bearer xoxb-123-secret` } } }, "failed");
    expect(out).toContain("config loaded");
    expect(out).toContain("[redacted]");
    for (const secret of [token, "xoxb-123-secret", "shh"]) expect(out).not.toContain(secret);
  });
});

describe("console log lines", () => {
  it("print a record as one line of text, secrets still redacted, never JSON", () => {
    let out = "";
    const sink = new Writable({ write(chunk, _enc, done) { out += String(chunk); done(); } });
    const log = createLogger("warn", plainLines(sink));
    log.info({ subscriptionId: 1 }, "below the level");
    log.warn({ subscriptionId: 7, localDate: "2026-12-07", token: "MTE5.secret" }, "daily post missed: too late to catch up");
    expect(out).toBe("prepcoach warning: daily post missed: too late to catch up (subscriptionId=7, localDate=2026-12-07, token=[redacted])\n");
  });
});
