/**
 * What Slack sends to an app, built as Slack builds it: slash commands and interactions
 * form-encoded, events as JSON, each signed with v0 = HMAC-SHA256(secret, "v0:ts:body")
 * (https://api.slack.com/authentication/verifying-requests-from-slack).
 */
import { createHmac } from "node:crypto";
import { TEAM } from "./server.js";

export interface SignedResult { status: number; body: string; ms: number }

export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

/** POSTs a body to the app as Slack would; `secret` may be wrong on purpose, the clock skewed (seconds, + is ahead). */
export async function postSigned(url: string, secret: string, body: string, contentType: string, o: { skewSeconds?: number } = {}): Promise<SignedResult> {
  const timestamp = Math.floor(Date.now() / 1_000) + (o.skewSeconds ?? 0);
  const started = performance.now();
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": contentType, "x-slack-request-timestamp": String(timestamp), "x-slack-signature": sign(secret, timestamp, body) },
    body,
  });
  const text = await res.text();
  return { status: res.status, body: text, ms: performance.now() - started };
}

let n = 0;
const id = (p: string) => `${p}${++n}${Date.now().toString(36)}`;

/** `team`: the workspace it comes from (default TEAM); a distributed app hears from many. */
export interface Who { userId: string; userName?: string; channelId?: string; team?: { id: string; domain: string } }

export function slashCommand(o: Who & { command: string; text: string; responseUrl: string; triggerId?: string }): Record<string, string> {
  return {
    token: "verification-token", team_id: (o.team ?? TEAM).id, team_domain: (o.team ?? TEAM).domain, channel_id: o.channelId ?? "C1", channel_name: "general",
    user_id: o.userId, user_name: o.userName ?? o.userId.toLowerCase(), command: o.command, text: o.text, api_app_id: "A1",
    is_enterprise_install: "false", response_url: o.responseUrl, trigger_id: o.triggerId ?? id("trig-"),
  };
}

export const formBody = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** A button click; `container` says where the clicked message lives. */
export function blockAction(o: Who & {
  actionId: string; value?: string; responseUrl?: string; triggerId?: string;
  container?: Record<string, unknown>; messageTs?: string; threadTs?: string; fromHome?: boolean;
}): Record<string, unknown> {
  const channel = o.channelId ?? "C1";
  const messageTs = o.messageTs ?? "1700000000.000100";
  return {
    type: "block_actions", api_app_id: "A1", token: "verification-token", trigger_id: o.triggerId ?? id("trig-"),
    team: { id: TEAM.id, domain: TEAM.domain }, user: { id: o.userId, username: o.userName ?? o.userId.toLowerCase(), name: o.userName ?? o.userId.toLowerCase(), team_id: TEAM.id },
    ...(o.fromHome
      ? { container: { type: "view", view_id: "VHOME" }, view: { id: "VHOME", type: "home", blocks: [] } }
      : {
        container: o.container ?? { type: "message", message_ts: messageTs, channel_id: channel, is_ephemeral: true, ...(o.threadTs ? { thread_ts: o.threadTs } : {}) },
        channel: { id: channel, name: "general" },
        ...(o.container?.is_ephemeral === false ? { message: { type: "message", ts: messageTs, ...(o.threadTs ? { thread_ts: o.threadTs } : {}) } } : {}),
        response_url: o.responseUrl,
      }),
    actions: [{
      type: "button", action_id: o.actionId, block_id: "b1", text: { type: "plain_text", text: "x" }, action_ts: `${Date.now() / 1_000}${++n}`,
      ...(o.value ? { value: o.value } : {}),
    }],
  };
}

export function viewSubmission(o: Who & { viewId?: string; callbackId: string; privateMetadata: string; answer: string }): Record<string, unknown> {
  return {
    type: "view_submission", api_app_id: "A1", token: "verification-token", trigger_id: id("trig-"),
    team: { id: TEAM.id, domain: TEAM.domain }, user: { id: o.userId, username: o.userId.toLowerCase(), name: o.userId.toLowerCase(), team_id: TEAM.id },
    view: {
      id: o.viewId ?? id("V"), team_id: TEAM.id, type: "modal", callback_id: o.callbackId, private_metadata: o.privateMetadata,
      blocks: [], hash: "h", title: { type: "plain_text", text: "Your answer" },
      state: { values: { answer: { text: { type: "plain_text_input", value: o.answer } } } },
    },
    response_urls: [],
  };
}

/** The submit of a modal with the given input values (`values[block][action]`). */
export function modalSubmission(o: Who & { viewId?: string; callbackId: string; privateMetadata: string; values: Record<string, Record<string, string>> }): Record<string, unknown> {
  const values = Object.fromEntries(Object.entries(o.values).map(([block, inputs]) => [block,
    Object.fromEntries(Object.entries(inputs).map(([action, value]) => [action, { type: "plain_text_input", value }]))]));
  const team = o.team ?? TEAM;
  return {
    type: "view_submission", api_app_id: "A1", token: "verification-token", trigger_id: id("trig-"),
    team: { id: team.id, domain: team.domain }, user: { id: o.userId, username: o.userId.toLowerCase(), name: o.userId.toLowerCase(), team_id: team.id },
    view: {
      id: o.viewId ?? id("V"), team_id: team.id, type: "modal", callback_id: o.callbackId, private_metadata: o.privateMetadata,
      blocks: [], hash: "h", title: { type: "plain_text", text: "Import" }, state: { values },
    },
    response_urls: [],
  };
}

export function eventCallback(event: Record<string, unknown>, teamId: string = TEAM.id): Record<string, unknown> {
  return {
    token: "verification-token", team_id: teamId, api_app_id: "A1", type: "event_callback", event_id: id("Ev"), event_time: Math.floor(Date.now() / 1_000),
    authorizations: [{ team_id: teamId, user_id: "UBOT", is_bot: true }], event,
  };
}

/** Interactions arrive as a form with one field, `payload`, holding the JSON. */
export const interactionBody = (payload: unknown) => formBody({ payload: JSON.stringify(payload) });
