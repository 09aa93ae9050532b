/**
 * INTERACTION_CREATE payloads as Discord sends them over the gateway (API v10): slash commands,
 * button clicks, modal submits and autocomplete, from a member with or without Manage Server.
 * https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object
 */
import type { ResolvedAttachment } from "./cdn.js";
import { FAKE, type FakeDiscord, type StoredMessage } from "./server.js";

/** View Channel + Send Messages + Use Application Commands. */
const MEMBER_PERMISSIONS = (0x400n | 0x800n | 0x80000000n).toString();
/** The same plus Manage Server (0x20). */
const ADMIN_PERMISSIONS = (0x20n | 0x400n | 0x800n | 0x80000000n).toString();

export interface Who { id: string; name: string; isAdmin?: boolean }
export const ASHA: Who = { id: "700000000000000001", name: "asha" };
export const RAVI: Who = { id: "700000000000000002", name: "ravi" };
export const MEERA: Who = { id: "700000000000000003", name: "meera" };
export const ADMIN: Who = { id: FAKE.ownerId, name: "owner", isAdmin: true };
/** The owner of the second server (FAKE.otherGuildId). */
export const OTHER_ADMIN: Who = { id: FAKE.otherOwnerId, name: "otherowner", isAdmin: true };

export interface Built { id: string; token: string; channel_id: string; message?: { id: string } }

/** The channel an interaction comes from; a thread (type 11) has its parent. */
function channelOf(channelId: string, parentId: string | undefined, guildId: string) {
  const common = { id: channelId, guild_id: guildId, flags: 0, last_message_id: null, rate_limit_per_user: 0, permissions: ADMIN_PERMISSIONS };
  return parentId
    ? { ...common, type: 11, name: "Mock", parent_id: parentId, thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: "2026-11-23T09:00:00.000000+00:00", locked: false } }
    : { ...common, type: 0, name: "general", parent_id: null, nsfw: false, position: 0, topic: null };
}

function base(fake: FakeDiscord, type: number, who: Who, channelId: string, parentId?: string, guildId: string = FAKE.guildId): Built & Record<string, unknown> {
  const id = fake.snowflake();
  return {
    id, token: `itoken-${id}`, type, version: 1, application_id: FAKE.appId,
    guild_id: guildId, guild: { id: guildId, locale: "en-US", features: [] },
    channel_id: channelId,
    channel: channelOf(channelId, parentId, guildId),
    member: {
      user: { id: who.id, username: who.name, discriminator: "0", global_name: who.name[0]!.toUpperCase() + who.name.slice(1), avatar: null, public_flags: 0 },
      roles: [], permissions: who.isAdmin ? ADMIN_PERMISSIONS : MEMBER_PERMISSIONS, joined_at: "2026-11-01T00:00:00.000000+00:00",
      nick: null, avatar: null, premium_since: null, deaf: false, mute: false, pending: false, flags: 0,
    },
    app_permissions: ADMIN_PERMISSIONS, locale: "en-US", guild_locale: "en-US", entitlements: [],
    authorizing_integration_owners: { "0": guildId }, context: 0, attachment_size_limit: 10_485_760,
  };
}

type Option = { name: string; type: number; value?: string | number; focused?: boolean; options?: Option[] };

/**
 * A slash command; `sub` puts the options under a subcommand (`/config set time:09:00`). In a
 * thread, `channelId` is the thread and `parentId` its channel. `guildId` (or `otherGuild`: the
 * second server the bot is in, FAKE.otherGuildId) for another guild than the usual one; its
 * general channel unless `channelId` says otherwise.
 */
export function command(
  fake: FakeDiscord, who: Who, name: string, options: Option[] = [],
  o: { sub?: string; channelId?: string; parentId?: string; guildId?: string; otherGuild?: boolean; attachments?: ResolvedAttachment[] } = {},
) {
  const opts = o.sub ? [{ name: o.sub, type: 1, options }] : options;
  const guildId = o.guildId ?? (o.otherGuild ? FAKE.otherGuildId : FAKE.guildId);
  const channelId = o.channelId ?? (guildId === FAKE.otherGuildId ? FAKE.otherGeneral : FAKE.general);
  // Attachment options carry the attachment's id; the attachment itself comes in `resolved`.
  const resolved = o.attachments?.length ? { resolved: { attachments: Object.fromEntries(o.attachments.map((a) => [a.id, a])) } } : {};
  return { ...base(fake, 2, who, channelId, o.parentId, guildId), data: { id: fake.snowflake(), name, type: 1, guild_id: guildId, options: opts, ...resolved } };
}

/** An ATTACHMENT option (type 11): its value is the id of an attachment in `data.resolved.attachments`. */
export const file = (name: string, attachment: ResolvedAttachment): Option => ({ name, type: 11, value: attachment.id });

export const str = (name: string, value: string): Option => ({ name, type: 3, value });
export const int = (name: string, value: number): Option => ({ name, type: 4, value });

export function autocomplete(fake: FakeDiscord, who: Who, name: string, focused: Option) {
  return { ...base(fake, 4, who, FAKE.general), data: { id: fake.snowflake(), name, type: 1, guild_id: FAKE.guildId, options: [{ ...focused, focused: true }] } };
}

/** A click on a button of a message the bot sent (the message travels with the interaction). */
export function click(fake: FakeDiscord, who: Who, message: StoredMessage, customId: string) {
  return {
    ...base(fake, 3, who, message.channel_id),
    message: fake.asApi(message),
    data: { custom_id: customId, component_type: 2 },
  };
}

/** The submit of a modal opened from a message's button; the text input's value is `text`. */
export function submitModal(fake: FakeDiscord, who: Who, message: StoredMessage, customId: string, inputId: string, text: string) {
  return {
    ...base(fake, 5, who, message.channel_id),
    message: fake.asApi(message),
    data: { custom_id: customId, components: [{ type: 18, id: 1, component: { type: 4, id: 2, custom_id: inputId, value: text } }] },
  };
}
