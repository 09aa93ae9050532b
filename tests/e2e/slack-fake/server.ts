/**
 * A local fake of the Slack platform for the adapter's end-to-end tests, on 127.0.0.1 port 0:
 * - the Web API methods the adapter calls (POST /api/<method>, form- or JSON-encoded, as the
 *   real WebClient sends them), each recorded with its arguments;
 * - response_url endpoints (POST /response/<id>) that record what the adapter answers;
 * - file uploads as files.uploadV2 does them: files.getUploadURLExternal hands out an upload_url
 *   on this server (POST /upload/<file id> takes the bytes), files.completeUploadExternal shares
 *   the uploaded files in a channel or thread;
 * - files members share with the app (shared-files.ts): files.info and the private download URL,
 *   which want the bot token of the workspace the file was shared in;
 * - a distributed app's OAuth v2 install (oauth.ts): oauth.v2.access, a bot token per workspace;
 * - Socket Mode: apps.connections.open returns ws://127.0.0.1:<port>/socket, where the fake
 *   says hello, sends envelopes and reads their acks.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import { createFakeOAuth, type FakeOAuth, type FakeOAuthOptions } from "./oauth.js";
import { SharedFiles } from "./shared-files.js";

/** The bot token the tests' adapter runs with: the one a shared file's private URL accepts. */
export const BOT_TOKEN = "xoxb-test-token";

/** `error`: the Slack error code it was answered with (`invalid_auth`, one set by failNext), if any. */
export interface ApiCall { method: string; args: Record<string, unknown>; token: string | undefined; at: number; status: number; error?: string }
export interface ResponseCall { id: string; body: Record<string, unknown>; at: number }
export interface Ack { envelope_id: string; payload?: unknown; at: number }

/**
 * A message as the fake keeps it, so a test can click what is really there: posted messages,
 * ephemeral ones (seen by `ephemeralFor` only) and what response_urls replaced.
 */
export interface FakeMessage {
  channel: string; ts: string; thread_ts?: string; text: string; blocks: unknown[];
  ephemeralFor?: string;
  /** A response_url replaced it with replace_original (for everyone, when it was public). */
  replaced?: boolean;
}

/** Slack lets a response_url be used up to 5 times (https://api.slack.com/interactivity/handling#message_responses). */
export const RESPONSE_URL_USES = 5;

export interface SlackUserRecord { id: string; name: string; is_admin?: boolean; is_owner?: boolean }

/** A file through the upload flow: announced, its bytes received, then shared (or not yet). */
export interface FakeFile {
  id: string; filename: string; length: number; altText?: string;
  data?: Buffer;
  shared?: { channel_id: string; thread_ts?: string; initial_comment?: string; title?: string };
}

type Failure = { status: 429; retryAfter: number } | { error: string };

export interface FakeSlack {
  /** The Web API base to give the adapter (SLACK_API_URL). */
  apiUrl: string;
  baseUrl: string;
  calls: ApiCall[];
  responses: ResponseCall[];
  acks: Ack[];
  users: Map<string, SlackUserRecord>;
  files: FakeFile[];
  messages: FakeMessage[];
  /** Files members shared (`share` returns the `file_shared` event to send) and their downloads. */
  shared: SharedFiles;
  /**
   * A response_url that records into `responses` under this id. With `origin`, the message whose
   * button was clicked: replace_original / delete_original act on it, as on Slack.
   */
  responseUrl(id: string, origin?: { channel: string; ts: string; user?: string }): string;
  /**
   * The button `actionId` of a message as it is now: throws when the message is gone or no longer
   * carries it (replaced, or its buttons retired), because then nobody can click it.
   */
  buttonOn(message: { channel: string; ts: string }, actionId: string): { action_id: string; value?: string };
  /** The next `times` calls to a response_url answer 500. */
  failResponses(times: number): void;
  /** The next `times` calls of a method fail this way. */
  failNext(method: string, failure: Failure, times?: number): void;
  /** Successful calls of one method (429s and errors excluded). */
  ok(method: string): ApiCall[];
  waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs?: number): Promise<T>;
  /** Socket Mode: sends an envelope to the connected client; resolves with its ack. */
  sendEnvelope(type: "slash_commands" | "interactive" | "events_api", payload: unknown): Promise<Ack>;
  socketConnected(): boolean;
  /** The install flow, when started with `oauth` (oauth.ts): tokens are then per workspace. */
  oauth: FakeOAuth | undefined;
  close(): Promise<void>;
}

const TEAM = { id: "T1", domain: "acme" };

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** The WebClient form-encodes arguments, with objects and arrays (blocks, view) as JSON strings. */
function parseArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes("application/json")) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = /^[[{]/.test(v) ? safeJson(v) : v;
  }
  return out;
}

const asBlocks = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const safeJson = (v: string): unknown => {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
};

/**
 * `botToken`: the one token the fake accepts, as Slack does (any other: `invalid_auth`); unset, any.
 * `oauth`: a distributed app: only the tokens its install flow issued work, each for its own workspace.
 */
export async function startFakeSlack(o: { botToken?: string; oauth?: FakeOAuthOptions } = {}): Promise<FakeSlack> {
  const oauth = o.oauth ? createFakeOAuth(o.oauth) : undefined;
  const calls: ApiCall[] = [];
  const responses: ResponseCall[] = [];
  const acks: Ack[] = [];
  const users = new Map<string, SlackUserRecord>();
  const files: FakeFile[] = [];
  const messages: FakeMessage[] = [];
  let shared!: SharedFiles;
  const origins = new Map<string, { channel: string; ts: string; user?: string }>();
  const uses = new Map<string, number>();
  const failures = new Map<string, Failure[]>();
  let failingResponses = 0;
  let ts = 1_700_000_000;
  let envelopes = 0;
  let socket: WebSocket | undefined;
  const ackWaiters = new Map<string, (a: Ack) => void>();

  const nextTs = () => `${++ts}.000100`;
  /** The tokens that read files shared in TEAM: its installed bot's (distributed app), else the one bot token. */
  const readsSharedFiles = (token: string | undefined) =>
    token !== undefined && (oauth ? oauth.workspaceOf(token)?.teamId === TEAM.id : token === (o.botToken ?? BOT_TOKEN));

  function answer(method: string, args: Record<string, unknown>, token: string | undefined): Record<string, unknown> {
    const ws = oauth?.workspaceOf(token);
    switch (method) {
      // files:read is a bot scope: only a bot token of the workspace the file was shared in reads
      // it; another installed workspace's token does not see it at all.
      case "files.info": return !token ? { ok: false, error: "not_authed" }
        : !readsSharedFiles(token) ? { ok: false, error: ws ? "file_not_found" : "invalid_auth" } : shared.info(args);
      case "auth.test": return ws
        ? { ok: true, url: `https://${ws.teamId.toLowerCase()}.slack.com/`, team: ws.teamName, user: "prepcoach", team_id: ws.teamId, user_id: ws.botUserId, bot_id: `B${ws.teamId}` }
        : { ok: true, url: "https://acme.slack.com/", team: "Acme", user: "prepcoach", team_id: TEAM.id, user_id: "UBOT", bot_id: "BBOT" };
      case "users.info": {
        const u = users.get(String(args.user)) ?? { id: String(args.user), name: String(args.user) };
        return { ok: true, user: { id: u.id, name: u.name, real_name: u.name, is_admin: Boolean(u.is_admin), is_owner: Boolean(u.is_owner), profile: { display_name: u.name } } };
      }
      case "chat.postMessage": {
        const m = keep({ channel: String(args.channel), ts: nextTs(), ...(args.thread_ts ? { thread_ts: String(args.thread_ts) } : {}), text: String(args.text ?? ""), blocks: asBlocks(args.blocks) });
        return { ok: true, channel: args.channel, ts: m.ts, message: { text: args.text } };
      }
      case "chat.update": {
        const m = messages.find((x) => x.channel === String(args.channel) && x.ts === String(args.ts) && !x.ephemeralFor);
        if (!m) return { ok: false, error: "message_not_found" };
        Object.assign(m, { text: String(args.text ?? m.text), ...(args.blocks !== undefined ? { blocks: asBlocks(args.blocks) } : {}) });
        return { ok: true, channel: args.channel, ts: args.ts };
      }
      case "chat.postEphemeral": {
        const m = keep({ channel: String(args.channel), ts: nextTs(), ...(args.thread_ts ? { thread_ts: String(args.thread_ts) } : {}), text: String(args.text ?? ""), blocks: asBlocks(args.blocks), ephemeralFor: String(args.user) });
        return { ok: true, message_ts: m.ts };
      }
      case "conversations.replies": {
        // The thread's parent first, then its replies, oldest first; ephemeral messages are never listed.
        const ts = String(args.ts);
        const inThread = messages.filter((m) => m.channel === String(args.channel) && !m.ephemeralFor && (m.ts === ts || m.thread_ts === ts));
        if (!inThread.some((m) => m.ts === ts)) return { ok: false, error: "thread_not_found" };
        return { ok: true, has_more: false, messages: inThread.map((m) => ({ type: "message", ts: m.ts, ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}), text: m.text, blocks: m.blocks, bot_id: "BBOT", user: "UBOT" })) };
      }
      case "conversations.open": return { ok: true, channel: { id: `D${String(args.users)}` } };
      case "conversations.join": return { ok: true, channel: { id: args.channel } };
      case "views.open": return { ok: true, view: { id: `V${nextTs()}`, ...(args.view as object) } };
      case "views.publish": return { ok: true, view: { id: `VH${nextTs()}`, ...(args.view as object) } };
      case "apps.connections.open": return { ok: true, url: `ws://127.0.0.1:${port()}/socket` };
      case "files.getUploadURLExternal": {
        if (typeof args.filename !== "string" || !args.filename || !Number(args.length)) return { ok: false, error: "invalid_arguments" };
        const id = `F${nextTs().replace(".", "")}`;
        files.push({ id, filename: args.filename, length: Number(args.length), ...(typeof args.alt_text === "string" ? { altText: args.alt_text } : {}) });
        return { ok: true, upload_url: `${baseUrl}/upload/${id}`, file_id: id };
      }
      case "files.completeUploadExternal": {
        const listed = Array.isArray(args.files) ? (args.files as Array<{ id: string; title?: string }>) : [];
        const found = listed.map((l) => ({ l, f: files.find((f) => f.id === l.id) }));
        // Slack refuses to complete a file whose bytes never arrived.
        if (!listed.length || found.some((x) => !x.f?.data)) return { ok: false, error: "file_not_found" };
        for (const { l, f } of found) {
          f!.shared = {
            channel_id: String(args.channel_id), ...(args.thread_ts ? { thread_ts: String(args.thread_ts) } : {}),
            ...(args.initial_comment ? { initial_comment: String(args.initial_comment) } : {}), ...(l.title ? { title: l.title } : {}),
          };
        }
        return { ok: true, files: found.map(({ f }) => ({ id: f!.id, name: f!.filename, title: f!.shared?.title ?? f!.filename, size: f!.length })) };
      }
      default: return { ok: false, error: "unknown_method" };
    }
  }

  const server: Server = createServer((req, res) => {
    void (async () => {
      if (req.url?.startsWith("/upload/")) return receiveUpload(req, res);
      const raw = await readBody(req);
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      if (shared.serves(url)) return shared.serve(req, url, res);
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(JSON.stringify(body));
      };
      if (url.pathname === "/oauth/v2/authorize" && oauth) {
        const r = oauth.authorize(url.searchParams);
        res.writeHead(r.status, r.location ? { location: r.location } : { "content-type": "text/plain" });
        return res.end(r.body ?? "");
      }
      if (url.pathname.startsWith("/response/")) {
        if (failingResponses > 0) {
          failingResponses--;
          return send(500, { ok: false });
        }
        const id = url.pathname.slice("/response/".length);
        const used = (uses.get(id) ?? 0) + 1;
        uses.set(id, used);
        if (used > RESPONSE_URL_USES) return send(404, { ok: false, error: "used_url" });
        const body = parseArgs(raw, "application/json");
        responses.push({ id, body, at: Date.now() });
        respondAt(origins.get(id), body);
        return send(200, { ok: true });
      }
      if (!url.pathname.startsWith("/api/")) return send(404, { ok: false });
      const method = url.pathname.slice("/api/".length);
      const args = parseArgs(raw, req.headers["content-type"]);
      const token = req.headers.authorization?.replace(/^Bearer /, "") ?? (typeof args.token === "string" ? args.token : undefined);
      if (method === "oauth.v2.access" && oauth) {
        // No bot token here: the app proves itself with its client id and secret.
        calls.push({ method, args, token: undefined, at: Date.now(), status: 200 });
        return send(200, oauth.access(args, req.headers.authorization));
      }
      // A distributed app has no app-wide token: a call without a token is not_authed, as on Slack.
      if (oauth && token === undefined && o.botToken === undefined) {
        calls.push({ method, args, token, at: Date.now(), status: 200 });
        return send(200, { ok: false, error: "not_authed" });
      }
      const refused = oauth ? !oauth.workspaceOf(token) && token !== o.botToken : o.botToken !== undefined && token !== o.botToken;
      if (refused) {
        calls.push({ method, args, token, at: Date.now(), status: 200, error: "invalid_auth" });
        return send(200, { ok: false, error: "invalid_auth" });
      }
      const failure = failures.get(method)?.shift();
      if (failure && "status" in failure) {
        calls.push({ method, args, token, at: Date.now(), status: 429 });
        return send(429, { ok: false, error: "ratelimited" }, { "retry-after": String(failure.retryAfter) });
      }
      if (failure) {
        calls.push({ method, args, token, at: Date.now(), status: 200, error: failure.error });
        return send(200, { ok: false, error: failure.error });
      }
      calls.push({ method, args, token, at: Date.now(), status: 200 });
      send(200, answer(method, args, token));
    })().catch(() => {
      res.writeHead(500);
      res.end();
    });
  });

  function keep(m: FakeMessage): FakeMessage {
    messages.push(m);
    return m;
  }

  /**
   * What a response_url post does to the clicked message: replace_original rewrites it (for
   * everyone, if it was public), delete_original removes it; otherwise a new message, ephemeral
   * to the clicker unless response_type is in_channel.
   */
  function respondAt(origin: { channel: string; ts: string; user?: string } | undefined, body: Record<string, unknown>): void {
    if (!origin) return;
    const original = messages.find((m) => m.channel === origin.channel && m.ts === origin.ts);
    if (body.delete_original === true && original) {
      messages.splice(messages.indexOf(original), 1);
    } else if (body.replace_original === true && original) {
      Object.assign(original, { text: String(body.text ?? ""), blocks: asBlocks(body.blocks), replaced: true });
    } else {
      keep({
        channel: origin.channel, ts: nextTs(), ...(body.thread_ts ? { thread_ts: String(body.thread_ts) } : {}), text: String(body.text ?? ""), blocks: asBlocks(body.blocks),
        ...(body.response_type === "in_channel" ? {} : { ephemeralFor: origin.user ?? "" }),
      });
    }
  }

  /** The upload_url: the WebClient POSTs the bytes as multipart/form-data (one part). */
  async function receiveUpload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const file = files.find((f) => f.id === req.url!.slice("/upload/".length));
    const form = await new Response(Buffer.concat(chunks), { headers: { "content-type": String(req.headers["content-type"]) } }).formData();
    const part = [...form.values()].find((v) => typeof v !== "string");
    const data = part && typeof part !== "string" ? Buffer.from(await part.arrayBuffer()) : undefined;
    if (!file || !data || data.length !== file.length) {
      res.writeHead(400);
      res.end("bad upload");
      return;
    }
    file.data = data;
    res.writeHead(200, { "content-type": "text/plain" });
    res.end(`OK - ${data.length}`);
  }

  const wss = new WebSocketServer({ server, path: "/socket" });
  wss.on("connection", (ws) => {
    socket = ws;
    // What Slack sends first on a Socket Mode connection (https://api.slack.com/apis/socket-mode).
    ws.send(JSON.stringify({ type: "hello", num_connections: 1, debug_info: { host: "fake-slack", approximate_connection_time: 18060 }, connection_info: { app_id: "A1" } }));
    ws.on("message", (data) => {
      const msg = safeJson(String(data)) as { envelope_id?: string; payload?: unknown };
      if (!msg.envelope_id) return;
      const ack: Ack = { envelope_id: msg.envelope_id, payload: msg.payload, at: Date.now() };
      acks.push(ack);
      ackWaiters.get(msg.envelope_id)?.(ack);
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = () => (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port()}`;
  shared = new SharedFiles(TEAM.id, () => baseUrl, readsSharedFiles);

  return {
    apiUrl: `${baseUrl}/api/`,
    baseUrl,
    calls, responses, acks, users, files, messages, shared,
    responseUrl: (id, origin) => {
      if (origin) origins.set(id, origin);
      return `${baseUrl}/response/${id}`;
    },
    failResponses(times) { failingResponses += times; },
    buttonOn(where, actionId) {
      const m = messages.find((x) => x.channel === where.channel && x.ts === where.ts);
      if (!m) throw new Error(`fake Slack: no message ${where.ts} in ${where.channel} to click`);
      const button = (m.blocks as Array<{ type?: string; elements?: Array<{ type?: string; action_id?: string; value?: string }> }>)
        .filter((b) => b.type === "actions").flatMap((b) => b.elements ?? []).find((e) => e.type === "button" && e.action_id === actionId);
      if (!button) throw new Error(`fake Slack: message ${where.ts} has no button ${actionId} any more`);
      return { action_id: actionId, ...(button.value ? { value: button.value } : {}) };
    },
    failNext(method, failure, times = 1) {
      failures.set(method, [...(failures.get(method) ?? []), ...Array.from({ length: times }, () => failure)]);
    },
    ok: (method) => calls.filter((c) => c.method === method && c.status === 200),
    async waitFor(probe, timeoutMs = 30_000) {
      const start = Date.now();
      for (;;) {
        const v = await probe();
        if (v) return v;
        if (Date.now() - start > timeoutMs) throw new Error("fake Slack: timed out waiting");
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    sendEnvelope(type, payload) {
      if (!socket) return Promise.reject(new Error("no Socket Mode client connected"));
      const envelope_id = `env-${++envelopes}`;
      const acked = new Promise<Ack>((resolve) => ackWaiters.set(envelope_id, resolve));
      socket.send(JSON.stringify({ envelope_id, type, payload, accepts_response_payload: type !== "events_api", retry_attempt: 0, retry_reason: "" }));
      return acked;
    },
    socketConnected: () => socket !== undefined && socket.readyState === socket.OPEN,
    oauth,
    async close() {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

export { TEAM };
