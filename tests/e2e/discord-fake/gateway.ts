/**
 * The fake's gateway: enough of Discord's WebSocket protocol for discord.js (JSON encoding, no
 * compression). HELLO → IDENTIFY → READY + GUILD_CREATE, heartbeats acknowledged, and any
 * dispatch a test sends (INTERACTION_CREATE, MESSAGE_CREATE, THREAD_CREATE). A client that
 * reconnects and RESUMEs gets the dispatches it missed, then RESUMED, as from Discord: on a busy
 * machine a heartbeat ACK can come late, discord.js then calls the connection a zombie and
 * resumes, and a fake without RESUME lost every event from then on (tests timed out).
 * Several sessions may be open at once (two bot processes, issue 21): each IDENTIFY opens its own
 * session with its own id and sequence, a RESUME names the session it continues, and a dispatch
 * goes to one session (by default the latest to identify or resume).
 * https://discord.com/developers/docs/events/gateway#connection-lifecycle
 *
 * Sharding, as strict as Discord's: one session per shard; IDENTIFY's `shard` must be
 * [shard_id, num_shards] with 0 <= shard_id < num_shards (else close 4010 Invalid shard); each
 * session's READY lists only the guilds it owns ((guild_id >> 22) % num_shards === shard_id),
 * and every guild event (interactions, messages) goes only over the session owning its guild.
 * https://discord.com/developers/docs/events/gateway#sharding
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";

export interface GatewayGuild { id: string; name: string; ownerId: string; channels: ReadonlyArray<{ id: string; name: string }> }

export interface GatewayWorld {
  appId: string;
  /**
   * The privileged intents switched on for the app in the developer portal (Bot → Privileged
   * Gateway Intents): IDENTIFY asking for any other privileged intent is closed with 4014.
   */
  privilegedIntents(): number;
  bot: { id: string; username: string };
  /** The guilds the bot is in (the first is the tests' usual one), each with its text channels. */
  guilds: readonly GatewayGuild[];
  url(): string;
}

export interface Identify { token: string; intents: number; properties: unknown; shard?: unknown; compress?: unknown }

/** Gateway intent bits the fake honours. https://discord.com/developers/docs/events/gateway#list-of-intents */
export const INTENTS = { guilds: 1 << 0, guildMembers: 1 << 1, guildPresences: 1 << 8, guildMessages: 1 << 9, messageContent: 1 << 15 } as const;

/** The intents an app must switch on in the portal before asking for them. https://discord.com/developers/docs/events/gateway#privileged-intents */
export const PRIVILEGED_INTENTS = INTENTS.guildMembers | INTENTS.guildPresences | INTENTS.messageContent;

/** https://discord.com/developers/docs/topics/opcodes-and-status-codes#gateway-gateway-close-event-codes */
export const DISALLOWED_INTENTS = 4014;
export const INVALID_SHARD = 4010;

/** The shard that owns a guild: https://discord.com/developers/docs/events/gateway#sharding-sharding-formula */
export const shardOf = (guildId: string, numShards: number) => Number((BigInt(guildId) >> 22n) % BigInt(numShards));

/** [shard_id, num_shards] when valid; undefined is [0, 1] (no sharding). */
function parseShard(shard: unknown): [number, number] | "invalid" {
  if (shard === undefined || shard === null) return [0, 1];
  if (!Array.isArray(shard) || shard.length !== 2 || !shard.every((n) => Number.isInteger(n))) return "invalid";
  const [id, count] = shard as [number, number];
  return count >= 1 && id >= 0 && id < count ? [id, count] : "invalid";
}

/** One gateway session: a shard's connection, its sequence and what it was sent (for RESUME). */
interface Session { id: string; shard: [number, number]; socket: WebSocket; seq: number; sent: Array<{ s: number; frame: string }> }

/** One gateway session: its socket (replaced on RESUME), its sequence and what it was sent. */
interface Session {
  id: string;
  socket: WebSocket;
  seq: number;
  /** Every dispatch sent this session, for a RESUME to replay what the client missed. */
  sent: Array<{ s: number; frame: string }>;
}

export class FakeGateway {
  readonly identifies: Identify[] = [];
  readonly connectUrls: string[] = [];
  /** Close codes the fake sent (4014 for a privileged intent the app has not switched on, 4010 for a bad shard). */
  readonly closes: number[] = [];
  /** Every dispatch, with the shard it went over: a test can see the routing. */
  readonly routed: Array<{ t: string; shard: number; guildId: string | undefined }> = [];
  heartbeats = 0;
  resumes = 0;
  /** Heartbeats left unanswered from now on, to make the client see a zombie connection. */
  skipAcks = 0;
  private readonly wss = new WebSocketServer({ noServer: true });
  /** In the order they identified (a test that starts processes one by one knows which is whose), each with its shard. */
  private readonly sessions: Session[] = [];

  constructor(private readonly world: GatewayWorld, private readonly heartbeatIntervalMs: number) {
    this.wss.on("connection", (ws, req) => this.onConnection(ws, req));
  }

  /** Connections closed by the client (a zombie connection ends this way). */
  disconnects = 0;
  private held: Array<() => void> | undefined;

  /** Holds new connections until the returned function is called: a client offline for a while. */
  holdConnections(): () => void {
    this.held = [];
    return () => {
      const waiting = this.held ?? [];
      this.held = undefined;
      for (const accept of waiting) accept();
    };
  }

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.held) {
      this.held.push(() => this.upgrade(req, socket, head));
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit("connection", ws, req));
  }

  private onConnection(ws: WebSocket, req: IncomingMessage): void {
    this.connectUrls.push(req.url ?? "");
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.heartbeatIntervalMs }, s: null, t: null }));
    ws.on("close", () => { this.disconnects++; });
    ws.on("message", (raw) => {
      const payload = JSON.parse(String(raw)) as { op: number; d: unknown };
      if (payload.op === 1) {
        this.heartbeats++;
        if (this.skipAcks > 0) this.skipAcks--;
        else ws.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      } else if (payload.op === 6) {
        this.resumes++;
        const { seq, session_id: sessionId } = payload.d as { seq: number | null; session_id: string };
        const session = this.sessions.find((x) => x.id === sessionId);
        if (!session) {
          // An unknown session cannot resume: op 9 Invalid Session (not resumable).
          ws.send(JSON.stringify({ op: 9, d: false, s: null, t: null }));
          return;
        }
        session.socket = ws;
        for (const { s, frame } of session.sent) if (s > (seq ?? 0)) ws.send(frame);
        this.send(session, "RESUMED", {});
      } else if (payload.op === 2) {
        const identify = payload.d as Identify;
        this.identifies.push(identify);
        if (identify.intents & PRIVILEGED_INTENTS & ~this.world.privilegedIntents()) {
          this.closes.push(DISALLOWED_INTENTS);
          ws.close(DISALLOWED_INTENTS, "Disallowed intent(s).");
          return;
        }
        const shard = parseShard(identify.shard);
        if (shard === "invalid") {
          this.closes.push(INVALID_SHARD);
          ws.close(INVALID_SHARD, "Invalid shard.");
          return;
        }
        const session: Session = { id: `fake-session-${this.sessions.length + 1}`, shard, socket: ws, seq: 0, sent: [] };
        this.sessions.push(session);
        this.ready(session);
      }
    });
  }

  private owns(session: Session, guildId: string): boolean {
    return shardOf(guildId, session.shard[1]) === session.shard[0];
  }

  private ready(session: Session): void {
    const w = this.world;
    const mine = w.guilds.filter((g) => this.owns(session, g.id));
    this.send(session, "READY", {
      v: 10,
      user: { id: w.bot.id, username: w.bot.username, discriminator: "0", global_name: null, avatar: null, bot: true, flags: 0, verified: true, mfa_enabled: false },
      guilds: mine.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: w.url(),
      shard: session.shard,
      application: { id: w.appId, flags: 0 },
      private_channels: [],
    });
    for (const g of mine) this.send(session, "GUILD_CREATE", guildCreate(g));
  }

  /** The intents of the current session (the last IDENTIFY). */
  get intents(): number {
    return this.identifies.at(-1)?.intents ?? 0;
  }

  /** The shards identified so far, as [shard_id, num_shards]. */
  get shards(): Array<[number, number]> {
    return this.sessions.map((x) => x.shard).sort((a, b) => a[0] - b[0]);
  }

  /** Sessions opened so far (one per IDENTIFY), in order. */
  get sessionCount(): number {
    return this.sessions.length;
  }

  /** A dispatch Discord sends on its own (THREAD_CREATE after a REST call): skipped when no client is connected. */
  dispatchIfConnected(t: string, d: unknown): void {
    if (this.sessions.length) this.dispatch(t, d);
  }

  /**
   * Sends a dispatch over the session that owns its guild (`d.guild_id`; the latest to identify
   * when several do); one without a guild (a DM) goes over shard 0, as on Discord. No owning
   * session: throws, as nothing would arrive. `session` (an index in IDENTIFY order) picks one
   * instead: a router in front of replicas (the two-host test), not something Discord does.
   */
  dispatch(t: string, d: unknown, session?: number): void {
    const guildId = typeof (d as { guild_id?: unknown })?.guild_id === "string" ? (d as { guild_id: string }).guild_id : undefined;
    const to = session !== undefined
      ? this.sessions[session]
      : this.sessions.findLast((x) => (guildId ? this.owns(x, guildId) : x.shard[0] === 0));
    if (!to) throw new Error(session !== undefined ? `no gateway session #${session}` : `no gateway session owns ${guildId ? `guild ${guildId}` : "shard 0"} yet`);
    this.routed.push({ t, shard: to.shard[0], guildId });
    this.send(to, t, d);
  }

  private send(session: Session, t: string, d: unknown): void {
    const frame = JSON.stringify({ op: 0, t, s: ++session.seq, d });
    // Kept for a RESUME; while the client reconnects it is only kept.
    session.sent.push({ s: session.seq, frame });
    if (session.socket.readyState === session.socket.OPEN) session.socket.send(frame);
  }

  close(): void {
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
  }
}

/** A guild as GUILD_CREATE carries it after READY (the bot's view: @everyone and the text channels). */
function guildCreate(g: GatewayGuild) {
  return {
    id: g.id, name: g.name, icon: null, splash: null, discovery_splash: null, owner_id: g.ownerId,
    afk_channel_id: null, afk_timeout: 300, verification_level: 0, default_message_notifications: 0, explicit_content_filter: 0,
    roles: [{ id: g.id, name: "@everyone", color: 0, hoist: false, icon: null, unicode_emoji: null, position: 0,
      permissions: "2147486720", managed: false, mentionable: false, flags: 0 }],
    emojis: [], stickers: [], features: [], mfa_level: 0, application_id: null, system_channel_id: null, system_channel_flags: 0,
    rules_channel_id: null, vanity_url_code: null, description: null, banner: null, premium_tier: 0, preferred_locale: "en-US",
    public_updates_channel_id: null, nsfw_level: 0, premium_progress_bar_enabled: false, safety_alerts_channel_id: null,
    joined_at: "2026-11-01T00:00:00.000000+00:00", large: false, unavailable: false, member_count: 3,
    voice_states: [], members: [], presences: [], stage_instances: [], guild_scheduled_events: [], soundboard_sounds: [],
    threads: [],
    channels: g.channels.map((c, position) => ({
      id: c.id, type: 0, guild_id: g.id, name: c.name, position, permission_overwrites: [], parent_id: null,
      topic: null, nsfw: false, last_message_id: null, rate_limit_per_user: 0, flags: 0,
    })),
  };
}
