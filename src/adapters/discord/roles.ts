/**
 * Roles on Discord (issue 22): whether the bot can use a role, and giving or taking one. Plain
 * REST, no cache, so a check sees the server as it is now:
 * - a ping needs the role to exist and not be @everyone (mentioning a role needs no permission;
 *   a role that is not mentionable only notifies when the bot has Mention @everyone);
 * - a reward also needs Manage Roles (or Administrator) on the bot, a role that no bot or
 *   integration manages, and the role strictly below the bot's highest role.
 * https://discord.com/developers/docs/topics/permissions#permission-hierarchy
 * https://discord.com/developers/docs/resources/guild#add-guild-member-role
 */
import { PermissionFlagsBits, Routes, type APIGuildMember, type APIRole, type APIUser, type REST } from "discord.js";
import { PermanentDeliveryError } from "../../bot/errors.js";
import type { RoleCheck, RoleUse } from "../../bot/ports.js";
import { DISCORD_ERRORS, discordCode } from "./errors.js";

/** Discord's own errors for role changes that retrying cannot fix. */
const REFUSED: Record<number, string> = {
  [DISCORD_ERRORS.missingPermissions]: "Discord refused: missing permissions (50013)",
  [DISCORD_ERRORS.missingAccess]: "Discord refused: missing access (50001)",
  10011: "the role no longer exists (Discord 10011)",
  10007: "the member left the server (Discord 10007)",
};

export interface DiscordRoles {
  checkRole(spaceId: string, roleId: string, use: RoleUse): Promise<RoleCheck>;
  setMemberRole(spaceId: string, userId: string, roleId: string, hold: boolean): Promise<void>;
}

const guildOf = (spaceId: string) => spaceId.slice(spaceId.indexOf(":") + 1);
const has = (bits: bigint, flag: bigint) => (bits & flag) === flag;

export function createDiscordRoles(rest: REST): DiscordRoles {
  let botId: Promise<string> | undefined;
  const me = () => (botId ??= (rest.get(Routes.user()) as Promise<APIUser>).then((u) => u.id).catch((err: unknown) => {
    botId = undefined;
    throw err;
  }));

  return {
    async checkRole(spaceId, roleId, use) {
      const guildId = guildOf(spaceId);
      const [roles, member] = await Promise.all([
        rest.get(Routes.guildRoles(guildId)) as Promise<APIRole[]>,
        me().then((id) => rest.get(Routes.guildMember(guildId, id)) as Promise<APIGuildMember>),
      ]);
      const role = roles.find((r) => r.id === roleId);
      if (!role) return { ok: false, problem: "unknownRole" };
      if (role.id === guildId) return { ok: false, problem: "everyone", name: role.name };
      const mine = roles.filter((r) => member.roles.includes(r.id));
      const everyone = roles.find((r) => r.id === guildId);
      const perms = [everyone, ...mine].reduce((bits, r) => bits | BigInt(r?.permissions ?? "0"), 0n);
      const isAdmin = has(perms, PermissionFlagsBits.Administrator);
      const top = mine.reduce<APIRole | undefined>((a, r) => (!a || r.position > a.position ? r : a), undefined);
      if (use === "ping") return { ok: true, name: `@${role.name}`, ...(!role.mentionable && !isAdmin && !has(perms, PermissionFlagsBits.MentionEveryone) ? { isSilent: true } : {}) };
      const botRole = top ? `@${top.name}` : "my role";
      if (role.managed) return { ok: false, problem: "managed", name: `@${role.name}` };
      if (!isAdmin && !has(perms, PermissionFlagsBits.ManageRoles)) return { ok: false, problem: "missingManageRoles", name: `@${role.name}`, botRole };
      // Ties are not enough: a bot manages only roles strictly below its highest one.
      if (!top || role.position >= top.position) return { ok: false, problem: "roleTooHigh", name: `@${role.name}`, botRole };
      return { ok: true, name: `@${role.name}` };
    },

    async setMemberRole(spaceId, userId, roleId, hold) {
      const route = Routes.guildMemberRole(guildOf(spaceId), userId, roleId);
      try {
        // Both are idempotent on Discord: adding a held role or removing a missing one is a 204.
        await (hold ? rest.put(route, { reason: "prepcoach role reward" }) : rest.delete(route, { reason: "prepcoach: streak ended" }));
      } catch (err) {
        const code = discordCode(err);
        if (code !== undefined && REFUSED[code]) throw new PermanentDeliveryError(REFUSED[code], { cause: err });
        throw err;
      }
    },
  };
}
