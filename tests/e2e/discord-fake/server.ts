/**
 * A local fake of Discord for end-to-end tests: REST under /api/v10 and the gateway WebSocket on
 * one port of 127.0.0.1. It keeps messages, threads, DM channels and interaction responses the
 * way Discord does (an interaction is answered once; an enforced nonce posts once), can answer a
 * request with an injected failure (429, 403…), can answer after a network latency and enforce
 * Discord's global limit of requests per second (the bench's pace test), keeps guild roles (guild.ts), and checks every request body against Discord's
 * OpenAPI description: a mismatch or an unknown route is recorded in `violations`.
 */
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { FakeGateway, INTENTS } from "./gateway.js";
import { FakeGuild } from "./guild.js";
import { FakeCdn } from "./cdn.js";
import { parseMultipart, type UploadedFile } from "./multipart.js";
import type { DiscordSpec } from "./spec.js";

export interface RecordedRequest {
  method: string; path: string; template: string | undefined; query: URLSearchParams;
  /** The JSON body, or a multipart body's payload_json. */
  body: unknown;
  /** A multipart body's files[n] parts. */
  files: UploadedFile[];
  status: number; at: number; auth: string | undefined;
}

/** An uploaded file as the fake keeps it: the API's attachment fields plus the bytes. */
export interface StoredAttachment { id: string; filename: string; content_type: string; size: number; description?: string; data: Buffer }

export interface StoredMessage {
  id: string; channel_id: string; content: string; embeds: unknown[]; components: unknown[]; flags: number;
  nonce?: string | number; allowed_mentions?: unknown; interactionId?: string; attachments?: StoredAttachment[];
}

/** A member's message as the gateway delivered it to the bot (content empty when Discord withholds it). */
export interface MemberMessage { id: string; channel_id: string; author: string; content: string; deliveredContent: string; dispatched: boolean }

export interface Injected { status: number; body: unknown; headers?: Record<string, string> }

interface Interaction { id: string; token: string; channelId: string; message?: StoredMessage; original?: StoredMessage; acknowledged: boolean }

export interface Callback { interactionId: string; type: number; data: Record<string, unknown> | undefined; status: number; at: number }

export const FAKE = {
  appId: "900000000000000001",
  botId: "900000000000000001",
  guildId: "800000000000000001",
  ownerId: "700000000000000099",
  general: "600000000000000001",
  rounds: "600000000000000002",
  daily: "600000000000000003",
  token: "fake-bot-token",
  /**
   * A second server the bot is in (with `secondGuild`): what one guild does must not show in the
   * other; on the other shard of two: (id >> 22) % 2 is 0 here, 1 for guildId.
   */
  otherGuildId: "800000000004194305",
  otherGeneral: "600000000000000011",
  otherOwnerId: "700000000000000098",
} as const;

const API = "/api/v10";

export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  readonly violations: string[] = [];
  readonly callbacks: Callback[] = [];
  readonly messages: StoredMessage[] = [];
  readonly threads: Array<{ id: string; parentId: string; messageId?: string; name: string }> = [];
  readonly dmChannels = new Map<string, string>();
  readonly memberMessages: MemberMessage[] = [];
  /** Files members attached to commands, served by the fake's CDN (cdn.ts); every download is recorded. */
  readonly cdn = new FakeCdn();
  /** Users whose DMs are closed: a message to their DM channel fails with 50007. */
  readonly closedDms = new Set<string>();
  readonly gateway: FakeGateway;
  /** Roles, members' roles and the role routes (guild.ts). */
  readonly guild = new FakeGuild(FAKE.guildId, FAKE.botId);
  private readonly knownChannels = new Set<string>([FAKE.general, FAKE.rounds, FAKE.daily]);
  private readonly interactions = new Map<string, Interaction>();
  private readonly injections: Array<{ method: string; template: string; response: Injected }> = [];
  private nextId = 1_000n;
  private port = 0;
  /** Bot requests accepted in the last second, for the global limit. */
  private readonly recent: number[] = [];
  /** Set by `start`: each answer's delay, and the global requests-per-second limit (0 = none). */
  private latencyMs = 0;
  private globalPerSecond = 0;

  /**
   * The privileged intents switched on for the fake app in its portal (none by default, as for a
   * new application): asking for another one closes the gateway session with 4014.
   */
  privilegedIntents: number;

  /**
   * A bot that has never identified on the gateway: Discord refuses its Create Message with 401
   * (code 40001) until its first session opens, as for a new bot account. Off by default: the
   * other tests' bot has been online before.
   * https://github.com/discord/discord-api-docs/pull/397
   */
  private readonly neverIdentified: boolean;

  private constructor(
    private readonly server: Server, private readonly spec: DiscordSpec, heartbeatMs: number, privilegedIntents: number,
    /** What GET /gateway/bot recommends. */
    private readonly shards: number, secondGuild: boolean, neverIdentified: boolean,
  ) {
    this.privilegedIntents = privilegedIntents;
    this.neverIdentified = neverIdentified;
    if (secondGuild) this.knownChannels.add(FAKE.otherGeneral);
    this.gateway = new FakeGateway({
      appId: FAKE.appId, privilegedIntents: () => this.privilegedIntents, bot: { id: FAKE.botId, username: "prepcoach" },
      guilds: [
        { id: FAKE.guildId, name: "Study Hall", ownerId: FAKE.ownerId,
          channels: [{ id: FAKE.general, name: "general" }, { id: FAKE.rounds, name: "rounds" }, { id: FAKE.daily, name: "daily-prep" }] },
        ...(secondGuild ? [{ id: FAKE.otherGuildId, name: "Design Club", ownerId: FAKE.otherOwnerId, channels: [{ id: FAKE.otherGeneral, name: "general" }] }] : []),
      ],
      url: () => `ws://127.0.0.1:${this.port}`,
    }, heartbeatMs);
    server.on("request", (req, res) => void this.onRequest(req, res));
    server.on("upgrade", (req, socket, head) => this.gateway.upgrade(req, socket, head));
  }

  /**
   * `shards`: the count GET /gateway/bot recommends (1 by default); `secondGuild`: the bot is in FAKE.otherGuildId too;
   * `neverIdentified`: a new bot, refused Create Message until its first gateway session;
   * `latencyMs`: every REST answer waits this long; `globalPerSecond`: Discord's global limit (429 past it).
   */
  static async start(
    spec: DiscordSpec, o: { heartbeatMs?: number; privilegedIntents?: number; shards?: number; secondGuild?: boolean; neverIdentified?: boolean; latencyMs?: number; globalPerSecond?: number } = {},
  ): Promise<FakeDiscord> {
    const server = createServer();
    const fake = new FakeDiscord(server, spec, o.heartbeatMs ?? 500, o.privilegedIntents ?? 0, o.shards ?? 1, o.secondGuild ?? false, o.neverIdentified ?? false);
    fake.latencyMs = o.latencyMs ?? 0;
    fake.globalPerSecond = o.globalPerSecond ?? 0;
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    fake.port = (server.address() as AddressInfo).port;
    return fake;
  }

  /**
   * A file a member attaches to a slash command's ATTACHMENT option: the object Discord puts in
   * the interaction's `data.resolved.attachments`, its `url` a signed link on the fake's CDN.
   * `size` may be given larger than the bytes, as a stand-in for a big upload.
   */
  attach(filename: string, data: Buffer, o: { contentType?: string; size?: number } = {}) {
    return this.cdn.add(`http://127.0.0.1:${this.port}`, FAKE.appId, this.snowflake(), filename, data, o);
  }

  /** The value for DISCORD_API_URL (discord.js appends /v10). */
  get apiUrl(): string { return `http://127.0.0.1:${this.port}/api`; }

  /** A real snowflake: milliseconds since Discord's epoch (2015) above 22 bits of counter. */
  snowflake(): string { return (((BigInt(Date.now()) - 1_420_070_400_000n) << 22n) | (this.nextId++ & 0x3fffffn)).toString(); }

  /**
   * Channels of other guilds the bot is in (many spaces' daily-post channels): REST accepts posts
   * to them; their guilds' events are not sent (the fake's gateway holds one guild).
   */
  addChannels(ids: Iterable<string>): void {
    for (const id of ids) this.knownChannels.add(id);
  }
  /** A channel the bot can post in, beside the guild's three (e.g. each subscription's). */
  addChannel(id: string): void { this.knownChannels.add(id); }

  /** The next request to `template` gets this response instead (once per call). */
  inject(method: string, template: string, response: Injected): void {
    this.injections.push({ method, template, response });
  }

  /**
   * Sends an interaction over the gateway, as Discord does when a member uses the bot: to one
   * session, the latest unless `o.session` (an index in IDENTIFY order) names another. Discord
   * sends a guild's interactions to the session of its shard; a test of two bot processes sends
   * one guild's interactions to both, as a router in front of replicas would (Slack over HTTP,
   * Discord's interactions endpoint), which is the harder case for the shared store.
   */
  interact(payload: { id: string; token: string; channel_id: string; message?: { id: string } } & Record<string, unknown>, o: { session?: number } = {}): void {
    if (!this.interactions.has(payload.id)) {
      const message = payload.message && this.messages.find((m) => m.id === payload.message!.id);
      if (message && payload.type === 3) this.refuseDeadButton(message, String((payload.data as { custom_id?: unknown }).custom_id));
      this.interactions.set(payload.id, { id: payload.id, token: payload.token, channelId: payload.channel_id, ...(message ? { message } : {}), acknowledged: false });
    }
    this.gateway.dispatch("INTERACTION_CREATE", payload, o.session);
  }

  /**
   * What Discord's client does with a button the message no longer has, or has disabled: nothing
   * is sent (the button cannot be pressed). The fake refuses to send such a click, so a test that
   * tries one fails, as the member would.
   */
  private refuseDeadButton(message: StoredMessage, customId: string): void {
    const button = (message.components as Array<{ components?: Array<{ custom_id?: string; disabled?: boolean }> }>)
      .flatMap((row) => row.components ?? []).find((c) => c.custom_id === customId);
    if (!button) throw new Error(`fake Discord: message ${message.id} has no button ${customId} to click`);
    if (button.disabled) throw new Error(`fake Discord: the button ${customId} of message ${message.id} is disabled; nobody can click it`);
  }

  /**
   * A member writes in a channel or thread. Discord sends MESSAGE_CREATE only with the
   * GuildMessages intent, and withholds the content (empty string) unless the session has the
   * Message Content intent or the message mentions the bot.
   * https://discord.com/developers/docs/events/gateway#message-content-intent
   */
  say(who: { id: string; name: string }, channelId: string, content: string): MemberMessage {
    const intents = this.gateway.intents;
    const mentioned = [...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1]!);
    const readable = (intents & INTENTS.messageContent) !== 0 || mentioned.includes(FAKE.botId);
    const user = (id: string, name: string, bot = false) => ({ id, username: name, discriminator: "0", global_name: name, avatar: null, ...(bot ? { bot: true } : {}) });
    const thread = this.threads.find((t) => t.id === channelId);
    const m: MemberMessage = {
      id: this.snowflake(), channel_id: channelId, author: who.id, content, deliveredContent: readable ? content : "",
      dispatched: (intents & INTENTS.guildMessages) !== 0,
    };
    this.memberMessages.push(m);
    if (!m.dispatched) return m;
    this.gateway.dispatch("MESSAGE_CREATE", {
      id: m.id, channel_id: channelId, guild_id: FAKE.guildId, ...(thread ? { channel_type: 11 } : { channel_type: 0 }),
      author: user(who.id, who.name),
      member: { roles: [], joined_at: "2026-11-01T00:00:00.000000+00:00", deaf: false, mute: false, flags: 0, nick: null, avatar: null, premium_since: null, pending: false },
      content: m.deliveredContent, timestamp: new Date().toISOString(), edited_timestamp: null, tts: false, mention_everyone: false,
      mentions: mentioned.map((id) => (id === FAKE.botId ? user(id, "prepcoach", true) : user(id, `user${id.slice(-3)}`))),
      mention_roles: [], attachments: [], embeds: [], components: [], pinned: false, type: 0, flags: 0,
    });
    return m;
  }

  /** A generous ceiling: on a busy machine a step can take seconds; passing tests never wait it out. */
  async waitFor<T>(find: () => T | undefined | false, timeoutMs = 30_000): Promise<T> {
    const start = Date.now();
    for (;;) {
      const found = find();
      if (found) return found;
      if (Date.now() - start > timeoutMs) throw new Error("fake Discord: timed out waiting");
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Requests made for one interaction's token (callback, edits, follow-ups), in order. */
  requestsFor(token: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path.includes(`/${token}`));
  }

  async close(): Promise<void> {
    this.gateway.close();
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (this.cdn.serves(url)) return this.cdn.serve(req, url, res);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const contentType = String(req.headers["content-type"]);
    let body: unknown;
    let files: UploadedFile[] = [];
    if (raw.length && contentType.startsWith("multipart/form-data")) {
      // Files: the JSON body travels as payload_json and is checked against the spec like any other.
      const parsed = await parseMultipart(raw, contentType);
      body = parsed.payload;
      files = parsed.files;
      this.violations.push(...parsed.problems.map((p) => `${req.method} ${url.pathname}: ${p}`));
    } else if (raw.length) {
      if (!contentType.startsWith("application/json")) this.violations.push(`${req.method} ${url.pathname}: body is not JSON`);
      body = JSON.parse(raw.toString("utf8"));
    }
    const method = req.method ?? "GET";
    // discord.js escapes path segments ("@original" arrives as "%40original").
    const pathname = decodeURIComponent(url.pathname);
    const path = pathname.startsWith(API) ? pathname.slice(API.length) : pathname;
    const rec: RecordedRequest = {
      method, path, template: undefined, query: url.searchParams, body, files, status: 0, at: Date.now(),
      auth: req.headers.authorization,
    };
    this.requests.push(rec);
    const send = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      rec.status = status;
      res.writeHead(status, { ...(payload === undefined ? {} : { "content-type": "application/json" }), ...headers });
      res.end(payload === undefined ? undefined : JSON.stringify(payload));
    };
    if (!url.pathname.startsWith(API)) {
      this.violations.push(`${method} ${url.pathname}: not under ${API}`);
      return send(404, { message: "404: Not Found", code: 0 });
    }
    const check = this.spec.check(method, path, body);
    rec.template = check.template;
    if (!check.ok) this.violations.push(check.error);
    const injected = this.injections.findIndex((i) => i.method === method && i.template === check.template);
    if (injected >= 0) {
      const { response } = this.injections.splice(injected, 1)[0]!;
      return send(response.status, response.body, response.headers);
    }
    const isInteractionRoute = path.startsWith("/interactions/") || path.startsWith("/webhooks/");
    if (!isInteractionRoute && rec.auth !== `Bot ${FAKE.token}`) {
      this.violations.push(`${method} ${path}: missing or wrong bot token`);
      return send(401, { message: "401: Unauthorized", code: 0 });
    }
    // The global limit counts a request when it arrives; the answer, 429 or not, comes after the latency.
    const wait = () => (this.latencyMs ? new Promise((r) => setTimeout(r, this.latencyMs)) : undefined);
    if (!isInteractionRoute && this.globalPerSecond) {
      // Discord's global limit: past it a bot request gets 429 with `global: true` and how long to
      // wait. Interaction responses are exempt. https://discord.com/developers/docs/topics/rate-limits#global-rate-limit
      const now = Date.now();
      while (this.recent.length && this.recent[0]! <= now - 1_000) this.recent.shift();
      if (this.recent.length >= this.globalPerSecond) {
        const retryAfter = (this.recent[0]! + 1_000 - now) / 1_000;
        await wait();
        return send(429, { message: "You are being rate limited.", retry_after: retryAfter, global: true },
          { "retry-after": String(Math.ceil(retryAfter)), "x-ratelimit-global": "true", "x-ratelimit-scope": "global" });
      }
      this.recent.push(now);
    }
    await wait();
    const [status, payload] = this.route(method, check.template, path, body as Record<string, unknown> | undefined, url.searchParams, files);
    if (status === 404 && payload === undefined) this.violations.push(`${method} ${path}: the fake has no such route`);
    send(status, payload);
  }

  private route(
    method: string, template: string | undefined, path: string, body: Record<string, unknown> | undefined, query: URLSearchParams, files: UploadedFile[],
  ): [number, unknown?] {
    const seg = path.split("/");
    switch (`${method} ${template}`) {
      case "GET /gateway/bot":
        // max_concurrency: shards identified at once (Discord grants large bots 16); one per shard here, so no 5 s waits between them.
        return [200, { url: `ws://127.0.0.1:${this.port}`, shards: this.shards, session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: this.shards } }];
      case "PUT /applications/{application_id}/commands":
      case "PUT /applications/{application_id}/guilds/{guild_id}/commands":
        return [200, (body as unknown as Array<Record<string, unknown>>).map((c) => ({
          ...c, id: this.snowflake(), application_id: FAKE.appId, version: this.snowflake(), default_member_permissions: c.default_member_permissions ?? null,
          ...(template!.includes("guilds") ? { guild_id: seg[4] } : {}),
        }))];
      case "POST /interactions/{interaction_id}/{interaction_token}/callback":
        return this.callback(seg[2]!, body!, query, files);
      case "PATCH /webhooks/{webhook_id}/{webhook_token}/messages/@original":
        return this.editOriginal(seg[3]!, body!, files);
      case "DELETE /webhooks/{webhook_id}/{webhook_token}/messages/@original":
        return this.byToken(seg[3]!)?.original ? [204] : [404, { message: "Unknown Message", code: 10008 }];
      case "POST /webhooks/{webhook_id}/{webhook_token}": {
        const i = this.byToken(seg[3]!);
        if (!i?.acknowledged) return [404, { message: "Unknown Webhook", code: 10015 }];
        return [200, this.asApi(this.store(i.channelId, body!, i.id, files))];
      }
      case "POST /channels/{channel_id}/messages":
        return this.createMessage(seg[2]!, body!, files);
      case "PATCH /channels/{channel_id}/messages/{message_id}": {
        const m = this.messages.find((x) => x.id === seg[4] && x.channel_id === seg[2]);
        if (!m) return [404, { message: "Unknown Message", code: 10008 }];
        Object.assign(m, pick(body!, files));
        return [200, this.asApi(m)];
      }
      case "POST /channels/{channel_id}/messages/{message_id}/threads":
      case "POST /channels/{channel_id}/threads": {
        if (!this.knownChannels.has(seg[2]!)) return [404, { message: "Unknown Channel", code: 10003 }];
        const id = this.snowflake();
        this.knownChannels.add(id);
        this.threads.push({ id, parentId: seg[2]!, name: String(body!.name), ...(seg[4] ? { messageId: seg[4] } : {}) });
        const thread = {
          id, type: 11, guild_id: FAKE.guildId, parent_id: seg[2], name: body!.name, owner_id: FAKE.botId, flags: 0,
          last_message_id: null, rate_limit_per_user: 0, message_count: 0, member_count: 1,
          thread_metadata: { archived: false, auto_archive_duration: body!.auto_archive_duration ?? 1440, archive_timestamp: new Date().toISOString(), locked: false },
        };
        // Discord tells the creator's gateway too (the Guilds intent), which is how the client caches the thread.
        this.gateway.dispatchIfConnected("THREAD_CREATE", { ...thread, newly_created: true });
        return [201, thread];
      }
      case "POST /users/@me/channels": {
        const user = String(body!.recipient_id);
        const id = this.dmChannels.get(user) ?? this.snowflake();
        this.dmChannels.set(user, id);
        this.knownChannels.add(id);
        return [200, { id, type: 1, last_message_id: null, flags: 0, recipients: [{ id: user, username: `user${user.slice(-3)}`, discriminator: "0", global_name: null, avatar: null }] }];
      }
      default:
        return this.guild.route(method, template, seg) ?? [404];
    }
  }

  private byToken(token: string): Interaction | undefined {
    return [...this.interactions.values()].find((i) => i.token === token);
  }

  /** An interaction is answered once; a second answer gets 40060, as on Discord. */
  private callback(id: string, body: Record<string, unknown>, query: URLSearchParams, files: UploadedFile[]): [number, unknown?] {
    const i = this.interactions.get(id);
    const type = Number(body.type);
    const data = body.data as Record<string, unknown> | undefined;
    const record = (status: number) => this.callbacks.push({ interactionId: id, type, data, status, at: Date.now() });
    if (!i) {
      record(404);
      return [404, { message: "Unknown interaction", code: 10062 }];
    }
    if (i.acknowledged) {
      record(400);
      return [400, { message: "Interaction has already been acknowledged.", code: 40060 }];
    }
    i.acknowledged = true;
    record(204);
    if (type === 4 || type === 5) {
      const flags = Number(data?.flags ?? 0);
      i.original = this.store(i.channelId, type === 4 ? data! : { content: "", flags }, i.id, files);
    } else if (type === 7 && i.message) {
      Object.assign(i.message, pick(data!, files));
      i.original = i.message;
    } else if (type === 6 && i.message) {
      i.original = i.message;
    }
    // with_response=true wants the callback resource; the adapter never asks for it.
    return query.get("with_response") === "true" ? [200, { interaction: { id, type: 2 } }] : [204];
  }

  private editOriginal(token: string, body: Record<string, unknown>, files: UploadedFile[]): [number, unknown?] {
    const i = this.byToken(token);
    if (!i?.original) return [404, { message: "Unknown Message", code: 10008 }];
    Object.assign(i.original, pick(body, files));
    return [200, this.asApi(i.original)];
  }

  private createMessage(channelId: string, body: Record<string, unknown>, files: UploadedFile[]): [number, unknown?] {
    if (this.neverIdentified && this.gateway.sessionCount === 0) return [401, { message: "401: Unauthorized", code: 40001 }];
    if (!this.knownChannels.has(channelId)) return [404, { message: "Unknown Channel", code: 10003 }];
    const dmUser = [...this.dmChannels].find(([, ch]) => ch === channelId)?.[0];
    if (dmUser && this.closedDms.has(dmUser)) return [403, { message: "Cannot send messages to this user", code: 50007 }];
    if (body.enforce_nonce && body.nonce !== undefined) {
      const same = this.messages.find((m) => m.channel_id === channelId && m.nonce === body.nonce);
      if (same) return [200, this.asApi(same)];
    }
    return [200, this.asApi(this.store(channelId, body, undefined, files))];
  }

  private store(channelId: string, body: Record<string, unknown>, interactionId?: string, files: UploadedFile[] = []): StoredMessage {
    const m: StoredMessage = {
      id: this.snowflake(), channel_id: channelId, content: String(body.content ?? ""), embeds: (body.embeds as unknown[]) ?? [],
      components: (body.components as unknown[]) ?? [], flags: Number(body.flags ?? 0),
      ...(body.nonce !== undefined ? { nonce: body.nonce as string } : {}),
      ...(body.allowed_mentions !== undefined ? { allowed_mentions: body.allowed_mentions } : {}),
      ...(interactionId ? { interactionId } : {}),
      ...(files.length ? { attachments: attachmentsFrom(body, files) } : {}),
    };
    this.messages.push(m);
    return m;
  }

  /** A stored message as the API returns it (and as interactions carry it). */
  asApi(m: StoredMessage): Record<string, unknown> & Omit<StoredMessage, "attachments"> {
    return {
      ...m, type: m.interactionId ? 20 : 0, tts: false, mention_everyone: false, mentions: [], mention_roles: [],
      attachments: (m.attachments ?? []).map(({ data: _bytes, ...a }) => ({ ...a, url: `https://cdn.fake/attachments/${m.channel_id}/${a.id}/${a.filename}`, proxy_url: `https://media.fake/${a.id}` })),
      pinned: false, timestamp: new Date().toISOString(), edited_timestamp: null,
      author: { id: FAKE.botId, username: "prepcoach", discriminator: "0", global_name: null, avatar: null, bot: true },
      ...(m.interactionId ? { webhook_id: FAKE.appId, application_id: FAKE.appId } : {}),
    };
  }
}

let attachmentIds = 5_000;

/** Uploaded parts as attachments, described by the body's `attachments` entry of the same index. */
function attachmentsFrom(body: Record<string, unknown>, files: UploadedFile[]): StoredAttachment[] {
  const listed = (body.attachments as Array<{ id: string; description?: string }> | undefined) ?? [];
  return files.map((f) => {
    const described = listed.find((a) => `files[${a.id}]` === f.field)?.description;
    return {
      id: String(++attachmentIds), filename: f.filename, content_type: f.contentType, size: f.data.length,
      ...(described ? { description: described } : {}), data: f.data,
    };
  });
}

/** The parts of a message body an edit or update replaces (new files replace the attachments). */
function pick(body: Record<string, unknown>, files: UploadedFile[] = []): Partial<StoredMessage> {
  const out: Partial<StoredMessage> = {};
  if (files.length) out.attachments = attachmentsFrom(body, files);
  if ("content" in body && body.content !== undefined) out.content = String(body.content ?? "");
  if ("embeds" in body && body.embeds !== undefined) out.embeds = (body.embeds as unknown[]) ?? [];
  if ("components" in body && body.components !== undefined) out.components = (body.components as unknown[]) ?? [];
  return out;
}
