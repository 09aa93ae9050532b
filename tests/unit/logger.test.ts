import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";

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
