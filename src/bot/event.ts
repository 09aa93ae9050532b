/** What an adapter hands the core: one user interaction, platform-neutral. */
import { MAX_BANK_BYTES } from "../curriculum/bank-file.js";

/** The largest file an adapter downloads for a command (a bank file); bigger ones are refused unread. */
export const MAX_FILE_BYTES = MAX_BANK_BYTES;
export type Platform = "discord" | "slack" | "console";

export type ArgValue = string | number | boolean;

export interface BotEvent {
  platform: Platform;
  /** Guild / workspace / console session. */
  space: { id: string; name?: string };
  channel: { id: string };
  thread?: { id: string };
  user: { id: string; name: string; isAdmin: boolean };
  kind: "command" | "action" | "submit" | "message";
  /** Command name ("quiz"), or the action id of a button or form. */
  name: string;
  args: Readonly<Record<string, ArgValue | undefined>>;
  /** The platform's interaction / trigger id: the same event delivered twice is handled once. */
  idempotencyKey: string;
  /**
   * For a click or a form sent from a message: who sees that message. A public message's buttons
   * belong to everyone, so one member's click never changes it; a private one may be locked.
   */
  message?: { visibility: Visibility };
  /**
   * A file sent with a command (`bank import`): its name and text. The adapter downloads it
   * (a Discord attachment, a file shared on Slack, a path on the console) and caps its size.
   */
  file?: { name: string; text: string };
}

/** Who sees a message: everyone in the channel, or only the member it answers. */
export type Visibility = "channel" | "private";

/** The core's id for a space: platform-prefixed so a console and a guild never collide. */
export const spaceKey = (e: Pick<BotEvent, "platform" | "space">) => `${e.platform}:${e.space.id}`;
