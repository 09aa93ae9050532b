/** What the Slack e2e tests send (signed, through the adapter's HTTP receiver) and read back out of Block Kit. */
import type { FakeSlack } from "./server.js";
import { eventCallback, formBody, interactionBody, postSigned, slashCommand, type SignedResult } from "./requests.js";
import { SIGNING_SECRET, type SlackSetup } from "./setup.js";

const FORM = "application/x-www-form-urlencoded";
const JSON_TYPE = "application/json";

export interface Blk { type: string; text?: { text: string }; elements?: Array<{ type: string; action_id: string; value?: string; text: { text: string } }> }
export const blocksOf = (body: Record<string, unknown>) => (body.blocks ?? []) as Blk[];
export const buttonsOf = (blocks: Blk[]) => blocks.filter((b) => b.type === "actions").flatMap((b) => b.elements ?? []);
export const headerOf = (blocks: Blk[]) => blocks.find((b) => b.type === "header")?.text?.text;
export const textOf = (blocks: Blk[]) => blocks.map((b) => b.text?.text ?? "").join("\n");

/** A slash command as Slack POSTs it; `triggerId` names the event (`cmd:<trigger_id>`). */
export function slash(setup: SlackSetup, o: { userId: string; command?: string; text: string; responseId: string; channelId?: string; triggerId?: string; teamId?: string }): Promise<SignedResult> {
  const body = slashCommand({
    ...(o.teamId ? { teamId: o.teamId } : {}),
    userId: o.userId, command: o.command ?? "/quiz", text: o.text, responseUrl: setup.fake.responseUrl(o.responseId), ...(o.channelId ? { channelId: o.channelId } : {}),
    ...(o.triggerId ? { triggerId: o.triggerId } : {}),
  });
  return postSigned(setup.eventsUrl, SIGNING_SECRET, formBody(body), FORM);
}

export const click = (setup: SlackSetup, payload: Record<string, unknown>) => postSigned(setup.eventsUrl, SIGNING_SECRET, interactionBody(payload), FORM);
export const sendEvent = (setup: SlackSetup, event: Record<string, unknown>) => postSigned(setup.eventsUrl, SIGNING_SECRET, JSON.stringify(eventCallback(event)), JSON_TYPE);
export const response = (fake: FakeSlack, id: string) => fake.waitFor(() => fake.responses.find((r) => r.id === id));
