/**
 * Who is acting: display name and whether they may run admin commands (workspace admins and
 * owners per users.info, or a configured list). Cached for a few minutes: users.info is Tier 4
 * (100+/min, https://api.slack.com/methods/users.info), but a busy channel should not spend it.
 */
import type { Logger } from "../../bot/ports.js";
import type { WorkspaceClients } from "./installations.js";

export interface SlackUser { id: string; name: string; isAdmin: boolean }

export interface UserDirectory {
  /** `teamId`: the workspace the person acts in (its token asks users.info). */
  lookup(teamId: string, userId: string, fallbackName?: string): Promise<SlackUser>;
}

const TTL_MS = 5 * 60_000;

export function createUserDirectory(o: {
  clients: WorkspaceClients; adminUserIds: readonly string[]; logger: Logger; now?: () => number;
}): UserDirectory {
  const now = o.now ?? Date.now;
  const admins = new Set(o.adminUserIds);
  const cache = new Map<string, { user: SlackUser; at: number }>();
  return {
    async lookup(teamId, userId, fallbackName) {
      const hit = cache.get(`${teamId}/${userId}`);
      if (hit && now() - hit.at < TTL_MS) return hit.user;
      try {
        const client = await o.clients.forTeam(teamId);
        const res = await client.users.info({ user: userId });
        const u = res.user;
        const name = u?.profile?.display_name || u?.real_name || u?.name || fallbackName || userId;
        const user = { id: userId, name, isAdmin: admins.has(userId) || Boolean(u?.is_admin || u?.is_owner) };
        cache.set(`${teamId}/${userId}`, { user, at: now() });
        return user;
      } catch (err) {
        // Without users.info the person is still served, only not as an admin (unless listed).
        o.logger.warn({ err: err instanceof Error ? err.message : String(err), userId }, "Slack users.info failed");
        return { id: userId, name: fallbackName || userId, isAdmin: admins.has(userId) };
      }
    },
  };
}
