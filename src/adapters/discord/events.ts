/**
 * Discord interactions and messages → the core's BotEvent. Only translation: who, where, what.
 * Inside a thread, `channel` is the thread's parent (schedules and rounds belong to channels)
 * and `thread` the thread itself (a mock interview lives there).
 */
import { PermissionFlagsBits, type Interaction, type Message } from "discord.js";
import type { ArgValue, BotEvent } from "../../bot/event.js";

type Where = Pick<BotEvent, "space" | "channel" | "thread">;

function whereOf(guildId: string, guildName: string | undefined, channel: { id: string; parentId: string | null; isThread(): boolean } | null, channelId: string): Where {
  const parentId = channel && channel.isThread() ? channel.parentId : null;
  return {
    space: { id: guildId, ...(guildName ? { name: guildName } : {}) },
    channel: { id: parentId ?? channelId },
    ...(parentId ? { thread: { id: channelId } } : {}),
  };
}

/**
 * The event for an interaction in a guild. `isAdmin` is Manage Server in the member's resolved
 * permissions (Administrator includes it), checked here on every use: a command's default
 * permissions are only a default that server admins can override.
 */
export function interactionEvent(
  i: Interaction<"cached" | "raw">, kind: BotEvent["kind"], name: string, args: Record<string, ArgValue | undefined>,
): BotEvent {
  const member = i.member;
  const nick = member && "displayName" in member ? member.displayName : (member?.nick ?? undefined);
  return {
    platform: "discord",
    ...whereOf(i.guildId, i.guild?.name, i.channel, i.channelId ?? i.guildId),
    user: {
      id: i.user.id,
      name: nick || i.user.globalName || i.user.username,
      isAdmin: i.memberPermissions.has(PermissionFlagsBits.ManageGuild),
    },
    kind,
    name,
    args,
    idempotencyKey: i.id,
  };
}

/** A click's or a form's event, knowing who sees the message it came from (ephemeral: only the member). */
export const clickEvent = (e: BotEvent, isPrivate: boolean): BotEvent => ({ ...e, message: { visibility: isPrivate ? "private" : "channel" } });

/**
 * `<@id>` and the older nickname form `<@!id>`: how a mention of the bot appears in content.
 * https://discord.com/developers/docs/reference#message-formatting
 */
export function withoutMention(content: string, botId: string): string {
  return content.replace(new RegExp(`<@!?${botId}>`, "g"), " ").replace(/\s+/g, " ").trim();
}

/**
 * An ordinary message in a thread (a mock interview's), with `text` as said to the bot: the
 * content with the bot's mention taken out.
 */
export function messageEvent(m: Message<true>, text: string): BotEvent {
  return {
    platform: "discord",
    ...whereOf(m.guildId, m.guild.name, m.channel, m.channelId),
    user: {
      id: m.author.id,
      name: m.member?.displayName || m.author.globalName || m.author.username,
      isAdmin: m.member?.permissions.has(PermissionFlagsBits.ManageGuild) ?? false,
    },
    kind: "message",
    name: "message",
    args: { text },
    idempotencyKey: m.id,
  };
}
