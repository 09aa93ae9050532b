/**
 * Gateway sharding (issue 21): the real discord.js client against the fake gateway, which
 * recommends 2 shards in GET /gateway/bot and routes each guild's events only over the shard that
 * owns it ((guild_id >> 22) % num_shards), as Discord does.
 */
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { FAKE, FakeDiscord } from "./discord-fake/server.js";
import { DISCORD_SPEC_FILE, DiscordSpec } from "./discord-fake/spec.js";
import { INVALID_SHARD, shardOf } from "./discord-fake/gateway.js";
import { startDiscordHarness, type DiscordHarness } from "./discord-fake/harness.js";
import { ASHA, command } from "./discord-fake/payloads.js";

let h: DiscordHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A slash command from a guild, answered with its reply (the interaction callback's content). */
async function help(harness: DiscordHarness, guildId: string, channelId: string) {
  const p = command(harness.fake, ASHA, "help", [], { guildId, channelId });
  harness.fake.interact(p);
  return harness.fake.waitFor(() => harness.fake.callbacks.find((c) => c.interactionId === p.id && c.status === 204));
}

describe("Discord sharding", () => {
  it("DISCORD_SHARDS=auto runs the 2 shards Discord recommends; a command from a guild on each shard is answered over its own shard", async () => {
    expect([shardOf(FAKE.otherGuildId, 2), shardOf(FAKE.guildId, 2)]).toEqual([0, 1]);
    h = await startDiscordHarness({ gatewayShards: 2, secondGuild: true });
    const gw = h.fake.gateway;
    expect(gw.identifies.map((i) => i.shard).sort()).toEqual([[0, 2], [1, 2]]);
    expect(gw.shards).toEqual([[0, 2], [1, 2]]);
    // Each shard's READY named only its own guild; the client holds both.
    expect(h.adapter.client.guilds.cache.map((g) => [g.id, g.shardId]).sort()).toEqual([[FAKE.guildId, 1], [FAKE.otherGuildId, 0]].sort());

    const first = await help(h, FAKE.guildId, FAKE.general);
    const second = await help(h, FAKE.otherGuildId, FAKE.otherGeneral);
    expect(first.type).toBe(4);
    expect(second.type).toBe(4);
    expect(JSON.stringify(second.data)).toContain("quiz");
    const interactions = gw.routed.filter((r) => r.t === "INTERACTION_CREATE");
    expect(interactions).toEqual([
      { t: "INTERACTION_CREATE", shard: 1, guildId: FAKE.guildId },
      { t: "INTERACTION_CREATE", shard: 0, guildId: FAKE.otherGuildId },
    ]);
    // Both members' spaces exist: the second guild is a community of its own.
    expect(h.sql("select id from spaces order by id").map((r) => r.id)).toEqual([`discord:${FAKE.otherGuildId}`, `discord:${FAKE.guildId}`].sort());
    expect(h.logged.errors).toEqual([]);
  });

  it("a fixed DISCORD_SHARDS=1 is one shard [0, 1] owning every guild, whatever Discord recommends", async () => {
    h = await startDiscordHarness({ gatewayShards: 2, secondGuild: true, shards: 1 });
    expect(h.fake.gateway.identifies.map((i) => i.shard)).toEqual([[0, 1]]);
    await help(h, FAKE.otherGuildId, FAKE.otherGeneral);
    expect(h.fake.gateway.routed.filter((r) => r.t === "INTERACTION_CREATE").map((r) => r.shard)).toEqual([0]);
  });

  it("the fake refuses an IDENTIFY whose shard array is malformed or out of range with 4010", async () => {
    h = await startDiscordHarness({ gatewayShards: 2, secondGuild: true });
    for (const shard of [[2, 2], [0, 0], [1], ["0", "2"], [-1, 2]]) {
      const ws = await identify(h.fake, shard);
      expect(await ws.closed).toBe(INVALID_SHARD);
    }
    expect(h.fake.gateway.closes.filter((c) => c === INVALID_SHARD)).toHaveLength(5);
    // The client's own sessions were not disturbed by the refused ones.
    expect(h.fake.gateway.shards).toEqual([[0, 2], [1, 2]]);
  });

  it("the fake sends a guild's interaction only over the shard that owns it, never another", async () => {
    const fake = await FakeDiscord.start(new DiscordSpec(DISCORD_SPEC_FILE), { shards: 2, secondGuild: true });
    try {
      // Only shard 1 of 2 is up: it owns FAKE.guildId, not FAKE.otherGuildId.
      const ws = await identify(fake, [1, 2]);
      const ready = await ws.next("READY");
      expect(ready).toMatchObject({ shard: [1, 2], guilds: [{ id: FAKE.guildId }] });
      expect(() => fake.gateway.dispatch("INTERACTION_CREATE", { guild_id: FAKE.otherGuildId })).toThrow(/no gateway session owns guild/);
      fake.gateway.dispatch("INTERACTION_CREATE", { guild_id: FAKE.guildId, id: "1" });
      expect(await ws.next("INTERACTION_CREATE")).toEqual({ guild_id: FAKE.guildId, id: "1" });
      ws.socket.close();
    } finally {
      await fake.close();
    }
  });
});

/** A raw gateway client: HELLO, then IDENTIFY with `shard`; reads dispatches by name, or the close code. */
async function identify(fake: FakeDiscord, shard: unknown) {
  const socket = new WebSocket(`ws://${new URL(fake.apiUrl).host}/?v=10&encoding=json`);
  const frames: Array<{ t: string | null; d: unknown }> = [];
  socket.on("message", (raw) => frames.push(JSON.parse(String(raw)) as { t: string | null; d: unknown }));
  const closed = new Promise<number>((resolve) => socket.on("close", (code) => resolve(code)));
  await fake.waitFor(() => frames.length > 0); // HELLO
  socket.send(JSON.stringify({ op: 2, d: { token: FAKE.token, intents: 1, properties: {}, shard } }));
  return { socket, closed, next: (t: string) => fake.waitFor(() => frames.find((f) => f.t === t)?.d) };
}
