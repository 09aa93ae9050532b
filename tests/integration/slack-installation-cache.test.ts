/**
 * The job outbox's per-process cache of Slack installations (distributed mode): the real outbox
 * and per-workspace clients over a real SQLite installation store, posting to the fake Slack,
 * which accepts only the tokens its install flow issued. Many posts read the installation once
 * per INSTALLATION_TTL_MS; an uninstall in this process takes effect at once; a token another
 * process saw replaced or revoked is refused by Slack, which makes the outbox read it again once.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webClientOptions } from "../../src/adapters/slack/client.js";
import { INSTALLATION_TTL_MS, perWorkspace, type WorkspaceClients } from "../../src/adapters/slack/installations.js";
import { createSlackOutbox, type SlackOutbox } from "../../src/adapters/slack/outbox.js";
import type { Installation, InstallationRepo } from "../../src/bot/ports.js";
import type { Reply } from "../../src/bot/reply.js";
import { closeDatabase, openDatabase, type Db } from "../../src/storage/db.js";
import { createInstallationRepo } from "../../src/storage/installations.js";
import { startFakeSlack, type FakeSlack } from "../e2e/slack-fake/server.js";

const dir = mkdtempSync(join(tmpdir(), "prepcoach-install-cache-"));
const hi: Reply = { visibility: "channel", blocks: [], fallback: "hi" };
const at = new Date("2026-11-23T09:00:00Z");

let fake: FakeSlack;
let db: Db;
beforeAll(async () => {
  fake = await startFakeSlack({ oauth: { clientId: "cid", clientSecret: "secret" } });
  db = openDatabase(join(dir, "prepcoach.db"));
});
afterAll(async () => {
  await fake.close();
  await closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

/** The workspace installs the app: Slack issues a token (a reinstall revokes the earlier one) and the row is kept. */
async function install(repo: InstallationRepo, teamId: string, botToken: string): Promise<void> {
  fake.oauth!.revoke(teamId);
  fake.oauth!.installed.set(botToken, { teamId, teamName: teamId, botUserId: `UBOT${teamId}`, botToken, installerId: `U-${teamId}-admin`, scopes: ["chat:write"] });
  const row: Installation = {
    spaceId: `slack:${teamId}`, workspaceId: teamId, workspaceName: teamId, enterpriseId: null, appId: "A1", botToken, botUserId: `UBOT${teamId}`,
    botId: null, scopes: ["chat:write"], installedBy: `U-${teamId}-admin`, installedAt: at, updatedAt: at,
  };
  await repo.save(row);
}

/** This process's outbox over the real store, with the store's reads counted and the clock in the test's hands. */
function worker() {
  const store = createInstallationRepo(db);
  const reads: string[] = [];
  const counted: InstallationRepo = { ...store, find: (spaceId) => (reads.push(spaceId), store.find(spaceId)) };
  const clock = { ms: at.getTime() };
  const clients: WorkspaceClients = perWorkspace(counted, webClientOptions(fake.apiUrl), { now: () => clock.ms });
  const outbox: SlackOutbox = createSlackOutbox({ clients, logger: { info() {}, warn() {}, error() {} }, minGapMs: 0 });
  return { store, reads, clock, clients, outbox };
}

const postsIn = (channel: string) => fake.calls.filter((c) => c.method === "chat.postMessage" && c.args.channel === channel);

describe("Slack outbox: installations cached per process", () => {
  it("reads a workspace's installation once for many posts, and again once it is older than the TTL", async () => {
    const w = worker();
    await install(w.store, "TC1", "xoxb-TC1-a");
    // A fan-out: 30 posts, most at once (as the jobs' concurrency does), to 10 channels.
    await Promise.all(Array.from({ length: 10 }, (_, i) => w.outbox.post({ spaceId: "slack:TC1", channelId: `C-fan-${i}` }, hi)));
    for (let i = 0; i < 20; i++) await w.outbox.post({ spaceId: "slack:TC1", channelId: `C-fan-${i % 10}` }, hi);
    const fanOut = fake.calls.filter((c) => c.method === "chat.postMessage" && String(c.args.channel).startsWith("C-fan-"));
    expect(fanOut).toHaveLength(30);
    expect(fanOut.every((c) => c.token === "xoxb-TC1-a" && c.status === 200 && !c.error)).toBe(true);
    expect(w.reads).toEqual(["slack:TC1"]);

    w.clock.ms += INSTALLATION_TTL_MS - 1;
    await w.outbox.post({ spaceId: "slack:TC1", channelId: "C-fan-0" }, hi);
    expect(w.reads).toHaveLength(1);
    w.clock.ms += 2;
    await w.outbox.post({ spaceId: "slack:TC1", channelId: "C-fan-0" }, hi);
    expect(w.reads).toHaveLength(2);
  });

  it("an uninstall handled in this process takes effect at once: the next post fails for good, with no call to Slack", async () => {
    const w = worker();
    await install(w.store, "TC2", "xoxb-TC2-a");
    await w.outbox.post({ spaceId: "slack:TC2", channelId: "C-two" }, hi);
    // What the adapter's app_uninstalled / tokens_revoked listener does (index.ts onUninstall).
    w.clients.forget("TC2");
    await w.store.remove("slack:TC2");
    const before = fake.calls.length;
    await expect(w.outbox.post({ spaceId: "slack:TC2", channelId: "C-two" }, hi)).rejects.toMatchObject({ name: "PermanentDeliveryError", message: expect.stringContaining("has not installed the app") });
    expect(fake.calls.length).toBe(before);
    expect(w.reads).toEqual(["slack:TC2", "slack:TC2"]);
  });

  it("a token another process saw replaced is refused by Slack: the outbox reads the installation again once and posts with the new one", async () => {
    const w = worker();
    await install(w.store, "TC3", "xoxb-TC3-a");
    await w.outbox.post({ spaceId: "slack:TC3", channelId: "C-three" }, hi);
    // The workspace reinstalls through another process (the old token is revoked); this one still holds the old token.
    await install(w.store, "TC3", "xoxb-TC3-b");
    await w.outbox.post({ spaceId: "slack:TC3", channelId: "C-three" }, hi);
    expect(postsIn("C-three").map((c) => [c.token, c.error])).toEqual([["xoxb-TC3-a", undefined], ["xoxb-TC3-a", "invalid_auth"], ["xoxb-TC3-b", undefined]]);
    expect(w.reads).toHaveLength(2);
    // The new token is kept: the next post reads nothing.
    await w.outbox.post({ spaceId: "slack:TC3", channelId: "C-three" }, hi);
    expect(w.reads).toHaveLength(2);
  });

  it("an uninstall another process handled: the refused token is dropped, the row is gone, the post fails for good after one call", async () => {
    const w = worker();
    await install(w.store, "TC4", "xoxb-TC4-a");
    await w.outbox.post({ spaceId: "slack:TC4", channelId: "C-four" }, hi);
    fake.oauth!.revoke("TC4");
    await w.store.remove("slack:TC4");
    await expect(w.outbox.post({ spaceId: "slack:TC4", channelId: "C-four" }, hi)).rejects.toMatchObject({ name: "PermanentDeliveryError" });
    // One refused call (invalid_auth), one re-read that found nothing; the next post makes no call at all.
    expect(postsIn("C-four").map((c) => [c.token, c.error])).toEqual([["xoxb-TC4-a", undefined], ["xoxb-TC4-a", "invalid_auth"]]);
    expect(w.reads).toHaveLength(2);
    await expect(w.outbox.post({ spaceId: "slack:TC4", channelId: "C-four" }, hi)).rejects.toMatchObject({ name: "PermanentDeliveryError" });
    expect(postsIn("C-four")).toHaveLength(2);
  });

  it("a token refused while the installation still holds it fails for good, after a single re-read", async () => {
    const w = worker();
    await install(w.store, "TC5", "xoxb-TC5-a");
    await w.outbox.post({ spaceId: "slack:TC5", channelId: "C-five" }, hi);
    fake.oauth!.revoke("TC5"); // Slack revoked it; no process has heard yet
    await expect(w.outbox.post({ spaceId: "slack:TC5", channelId: "C-five" }, hi)).rejects.toMatchObject({ name: "PermanentDeliveryError", message: expect.stringContaining("invalid_auth") });
    expect(postsIn("C-five")).toHaveLength(2); // no second try with the same token
    expect(w.reads).toHaveLength(2);
  });
});
