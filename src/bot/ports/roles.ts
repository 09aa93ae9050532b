/**
 * Roles (issue 22): the role a space's daily posts mention, and roles given as rewards. "Role" is
 * the platform's group of members: a Discord role, a Slack user group (mentioned only: Slack gives
 * a bot no simple way to add people to a user group, so rewards are Discord's).
 */

export type RewardKind = "streak" | "level";

/** A role given at a streak of `threshold` days, or when a member reaches level `threshold`. */
export interface RoleReward {
  id: number; spaceId: string; roleId: string; kind: RewardKind; threshold: number;
  /** Streak rewards: taken back when the streak ends. */
  removeOnBreak: boolean;
  /** The admin who set it (platform user id): told when a grant fails. */
  createdBy: string;
  /** Why the last grant failed (a RoleProblem or a platform's reason); null once one succeeds. */
  problem: string | null;
}

export interface RoleRepo {
  /** The role the space's daily posts mention, if any. */
  ping(spaceId: string): Promise<string | undefined>;
  setPing(spaceId: string, roleId: string | null, at: Date): Promise<void>;
  /** The space's rewards, lowest threshold first. */
  rewards(spaceId: string): Promise<RoleReward[]>;
  /** Adds the reward, or replaces the one for the same role (one reward per role); the problem is cleared. */
  setReward(r: Omit<RoleReward, "id" | "problem">, at: Date): Promise<RoleReward>;
  removeReward(spaceId: string, roleId: string): Promise<boolean>;
  /** Records (or clears, with null) a reward's problem; true when it had none before: tell the admin once. */
  setProblem(rewardId: number, problem: string | null): Promise<boolean>;
  /** Reward roles the bot gave the member and has not taken back. */
  held(memberId: number): Promise<string[]>;
  /** Records a grant; a second one for the same (member, role) changes nothing. */
  granted(spaceId: string, memberId: number, roleId: string, at: Date): Promise<void>;
  revoked(memberId: number, roleId: string): Promise<void>;
}

/** What a role is for: mentioned on the daily post, or given to members. */
export type RoleUse = "ping" | "reward";

/**
 * Why the bot cannot use a role: `unsupported` (the platform has no roles for bots),
 * `rewardsUnsupported` (roles can be mentioned but not given: Slack's user groups),
 * `unknownRole`, `everyone` (@everyone is never a ping or a reward), `managed` (a bot's or an
 * integration's own role), `missingManageRoles`, `roleTooHigh` (at or above the bot's highest role).
 */
export type RoleProblem = "unsupported" | "rewardsUnsupported" | "unknownRole" | "everyone" | "managed" | "missingManageRoles" | "roleTooHigh";

export type RoleCheck =
  | { ok: true; name: string; /** The ping will show but notify nobody: the role is not mentionable. */ isSilent?: boolean }
  | { ok: false; problem: RoleProblem; name?: string; /** The bot's highest role, to say what to move. */ botRole?: string };

/** Who a proactive post mentions: a role (Discord) or user group (Slack), and no one else. */
export interface Mention { roleId: string }
