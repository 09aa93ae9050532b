/**
 * Where a distributed app keeps what each workspace granted when it installed the bot (issue 21:
 * many communities per deployment). The core never reads it: the adapter that runs the install
 * flow stores and fetches installations, and posts with the credentials of the right one. The
 * record is a platform's, kept opaque to the core beyond "a space has a bot credential".
 */

/** One workspace's installation of the bot; `spaceId` is the space it serves ("slack:T123"). */
export interface Installation {
  spaceId: string;
  /** The platform's workspace id (Slack team id) and, in an organisation, its id (Slack enterprise id). */
  workspaceId: string;
  workspaceName: string | null;
  enterpriseId: string | null;
  appId: string | null;
  botToken: string;
  botUserId: string;
  botId: string | null;
  /** What the workspace granted, in the platform's words (`chat:write`, …). */
  scopes: string[];
  /** The platform user id of whoever installed it. */
  installedBy: string | null;
  installedAt: Date;
  updatedAt: Date;
}

export interface InstallationRepo {
  /**
   * Keeps an installation, replacing the space's earlier one (a reinstall grants new scopes and a
   * new token) while keeping its first `installedAt`.
   */
  save(i: Installation): Promise<void>;
  find(spaceId: string): Promise<Installation | undefined>;
  /** Forgets a space's installation (the app was uninstalled, its tokens revoked); true when there was one. */
  remove(spaceId: string): Promise<boolean>;
  count(): Promise<number>;
}
