/**
 * The fake Discord's guild roles (issue 22): roles with positions and permissions, members' roles
 * (the bot's included), and the role endpoints as strict as Discord: adding or removing a member's
 * role needs Manage Roles (or Administrator) and a role strictly below the bot's highest, else
 * 403 50013 Missing Permissions; a managed role (a bot's own) cannot be given by anyone.
 * https://discord.com/developers/docs/topics/permissions#permission-hierarchy
 */
export const PERMS = {
  administrator: 0x8n, manageRoles: 0x10000000n, mentionEveryone: 0x20000n, viewChannel: 0x400n, sendMessages: 0x800n,
} as const;

export interface FakeRole { id: string; name: string; permissions: bigint; position: number; managed: boolean; mentionable: boolean }

const MISSING_PERMISSIONS = { message: "Missing Permissions", code: 50013 };

export class FakeGuild {
  readonly roles = new Map<string, FakeRole>();
  /** Members' role ids (a member not here holds none); members in `left` are gone (10007). */
  readonly memberRoles = new Map<string, Set<string>>();
  readonly left = new Set<string>();
  /** The bot's own role, as an invite with permissions creates it: managed, position 1. */
  readonly botRoleId: string;
  private nextRole = 1;

  constructor(readonly guildId: string, readonly botId: string) {
    this.roles.set(guildId, { id: guildId, name: "@everyone", permissions: PERMS.viewChannel | PERMS.sendMessages, position: 0, managed: false, mentionable: false });
    this.botRoleId = this.addRole("prepcoach", { managed: true, permissions: PERMS.viewChannel | PERMS.sendMessages });
    this.rolesOf(botId).add(this.botRoleId);
  }

  /** A new role on top of the list (Discord puts a new role just above @everyone; tests set `position`). */
  addRole(name: string, o: Partial<Omit<FakeRole, "id" | "name">> = {}): string {
    const id = `55000000000000${String(this.nextRole++).padStart(4, "0")}`;
    const position = o.position ?? Math.max(...[...this.roles.values()].map((r) => r.position)) + 1;
    this.roles.set(id, { id, name, permissions: o.permissions ?? 0n, position, managed: o.managed ?? false, mentionable: o.mentionable ?? true });
    return id;
  }

  rolesOf(userId: string): Set<string> {
    let held = this.memberRoles.get(userId);
    if (!held) this.memberRoles.set(userId, (held = new Set()));
    return held;
  }

  /** Permissions of the bot: @everyone's and its roles' together. */
  private botPermissions(): bigint {
    return [this.guildId, ...this.rolesOf(this.botId)].reduce((p, id) => p | (this.roles.get(id)?.permissions ?? 0n), 0n);
  }

  private botTop(): number {
    return Math.max(0, ...[...this.rolesOf(this.botId)].map((id) => this.roles.get(id)?.position ?? 0));
  }

  private apiRole(r: FakeRole) {
    return {
      id: r.id, name: r.name, permissions: r.permissions.toString(), position: r.position, color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null }, hoist: false, managed: r.managed,
      mentionable: r.mentionable, icon: null, unicode_emoji: null, flags: 0, ...(r.managed ? { tags: { bot_id: this.botId } } : {}),
    };
  }

  /** The guild routes; undefined when `template` is not one of them. */
  route(method: string, template: string | undefined, seg: string[]): [number, unknown?] | undefined {
    const key = `${method} ${template}`;
    if (!template?.startsWith("/guilds/") && key !== "GET /users/@me") return undefined;
    if (key === "GET /users/@me") return [200, { id: this.botId, username: "prepcoach", discriminator: "0", global_name: null, avatar: null, bot: true }];
    if (seg[2] !== this.guildId) return [404, { message: "Unknown Guild", code: 10004 }];
    switch (key) {
      case "GET /guilds/{guild_id}/roles":
        return [200, [...this.roles.values()].sort((a, b) => a.position - b.position).map((r) => this.apiRole(r))];
      case "GET /guilds/{guild_id}/members/{user_id}": {
        const user = seg[4]!;
        if (this.left.has(user)) return [404, { message: "Unknown Member", code: 10007 }];
        return [200, {
          user: { id: user, username: `user${user.slice(-3)}`, discriminator: "0", global_name: null, avatar: null, ...(user === this.botId ? { bot: true } : {}) },
          roles: [...this.rolesOf(user)], joined_at: "2026-11-01T00:00:00.000000+00:00", deaf: false, mute: false, flags: 0, pending: false,
          nick: null, avatar: null, banner: null, premium_since: null, communication_disabled_until: null,
        }];
      }
      case "PUT /guilds/{guild_id}/members/{user_id}/roles/{role_id}":
      case "DELETE /guilds/{guild_id}/members/{user_id}/roles/{role_id}": {
        const [user, roleId] = [seg[4]!, seg[6]!];
        const role = this.roles.get(roleId);
        if (!role) return [404, { message: "Unknown Role", code: 10011 }];
        if (this.left.has(user)) return [404, { message: "Unknown Member", code: 10007 }];
        const perms = this.botPermissions();
        const isAdmin = (perms & PERMS.administrator) !== 0n;
        if (!isAdmin && (perms & PERMS.manageRoles) === 0n) return [403, MISSING_PERMISSIONS];
        if (role.position >= this.botTop() || role.managed || role.id === this.guildId) return [403, MISSING_PERMISSIONS];
        if (method === "PUT") this.rolesOf(user).add(roleId);
        else this.rolesOf(user).delete(roleId);
        return [204];
      }
      default:
        return undefined;
    }
  }
}
