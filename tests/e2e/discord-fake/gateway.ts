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
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";

export interface GatewayWorld {
  appId: string;
  /**
   * The privileged intents switched on for the app in the developer portal (Bot → Privileged
   * Gateway Intents): IDENTIFY asking for any other privileged intent is closed with 4014.
   */
  privilegedIntents(): number;
  bot: { id: string; username: string };
  guild: { id: string; name: string; ownerId: string };
  channels: ReadonlyArray<{ id: string; name: string }>;
  url(): string;
}

export interface Identify { token: string; intents: number; properties: unknown; shard?: unknown; compress?: unknown }

/** Gateway intent bits the fake honours. https://discord.com/developers/docs/events/gateway#list-of-intents */
export const INTENTS = { guilds: 1 << 0, guildMembers: 1 << 1, guildPresences: 1 << 8, guildMessages: 1 << 9, messageContent: 1 << 15 } as const;

/** The intents an app must switch on in the portal before asking for them. https://discord.com/developers/docs/events/gateway#privileged-intents */
export const PRIVILEGED_INTENTS = INTENTS.guildMembers | INTENTS.guildPresences | INTENTS.messageContent;

/** https://discord.com/developers/docs/topics/opcodes-and-status-codes#gateway-gateway-close-event-codes */
export const DISALLOWED_INTENTS = 4014;

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
  /** Close codes the fake sent (4014 for a privileged intent the app has not switched on). */
  readonly closes: number[] = [];
  heartbeats = 0;
  resumes = 0;
  /** Heartbeats left unanswered from now on, to make the client see a zombie connection. */
  skipAcks = 0;
  private readonly wss = new WebSocketServer({ noServer: true });
  /** In the order they identified: a test that starts processes one by one knows which is whose. */
  private readonly sessions: Session[] = [];
  private current: Session | undefined;

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
        const { seq, session_id: id } = payload.d as { seq: number | null; session_id: string };
        const session = this.sessions.find((x) => x.id === id);
        // Discord answers a RESUME of an unknown session with Invalid Session (op 9, not resumable).
        if (!session) return void ws.send(JSON.stringify({ op: 9, d: false, s: null, t: null }));
        session.socket = ws;
        this.current = session;
        for (const { s, frame } of session.sent) if (s > (seq ?? 0)) ws.send(frame);
        this.dispatch("RESUMED", {}, session);
      } else if (payload.op === 2) {
        const identify = payload.d as Identify;
        this.identifies.push(identify);
        if (identify.intents & PRIVILEGED_INTENTS & ~this.world.privilegedIntents()) {
          this.closes.push(DISALLOWED_INTENTS);
          ws.close(DISALLOWED_INTENTS, "Disallowed intent(s).");
          return;
        }
        const session: Session = { id: `fake-session-${this.sessions.length + 1}`, socket: ws, seq: 0, sent: [] };
        this.sessions.push(session);
        this.current = session;
        this.ready(session);
      }
    });
  }

  private ready(session: Session): void {
    const w = this.world;
    this.dispatch("READY", {
      v: 10,
      user: { id: w.bot.id, username: w.bot.username, discriminator: "0", global_name: null, avatar: null, bot: true, flags: 0, verified: true, mfa_enabled: false },
      guilds: [{ id: w.guild.id, unavailable: true }],
      session_id: session.id,
      resume_gateway_url: w.url(),
      shard: [0, 1],
      application: { id: w.appId, flags: 0 },
      private_channels: [],
    }, session);
    this.dispatch("GUILD_CREATE", {
      id: w.guild.id, name: w.guild.name, icon: null, splash: null, discovery_splash: null, owner_id: w.guild.ownerId,
      afk_channel_id: null, afk_timeout: 300, verification_level: 0, default_message_notifications: 0, explicit_content_filter: 0,
      roles: [{ id: w.guild.id, name: "@everyone", color: 0, hoist: false, icon: null, unicode_emoji: null, position: 0,
        permissions: "2147486720", managed: false, mentionable: false, flags: 0 }],
      emojis: [], stickers: [], features: [], mfa_level: 0, application_id: null, system_channel_id: null, system_channel_flags: 0,
      rules_channel_id: null, vanity_url_code: null, description: null, banner: null, premium_tier: 0, preferred_locale: "en-US",
      public_updates_channel_id: null, nsfw_level: 0, premium_progress_bar_enabled: false, safety_alerts_channel_id: null,
      joined_at: "2026-11-01T00:00:00.000000+00:00", large: false, unavailable: false, member_count: 3,
      voice_states: [], members: [], presences: [], stage_instances: [], guild_scheduled_events: [], soundboard_sounds: [],
      threads: [],
      channels: w.channels.map((c, position) => ({
        id: c.id, type: 0, guild_id: w.guild.id, name: c.name, position, permission_overwrites: [], parent_id: null,
        topic: null, nsfw: false, last_message_id: null, rate_limit_per_user: 0, flags: 0,
      })),
    }, session);
  }

  /** The intents of the current session (the last IDENTIFY). */
  get intents(): number {
    return this.identifies.at(-1)?.intents ?? 0;
  }

  /** Sessions opened so far (one per IDENTIFY), in order. */
  get sessionCount(): number {
    return this.sessions.length;
  }

  /**
   * A dispatch Discord sends on its own (THREAD_CREATE after a REST call): to every session,
   * each of which holds the guild here; skipped when no client is connected.
   */
  dispatchIfConnected(t: string, d: unknown): void {
    for (const session of this.sessions) this.dispatch(t, d, session);
  }

  /** To `session` (an index in IDENTIFY order, or the session), else the latest to identify or resume. */
  dispatch(t: string, d: unknown, session?: Session | number): void {
    const to = typeof session === "number" ? this.sessions[session] : session ?? this.current;
    if (!to) throw new Error(typeof session === "number" ? `no gateway session #${session}` : "no gateway connection yet");
    const frame = JSON.stringify({ op: 0, t, s: ++to.seq, d });
    // Kept for a RESUME; while the client reconnects it is only kept.
    to.sent.push({ s: to.seq, frame });
    if (to.socket.readyState === to.socket.OPEN) to.socket.send(frame);
  }

  close(): void {
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
  }
}
