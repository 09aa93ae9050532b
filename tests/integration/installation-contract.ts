/** InstallationRepo cases of the repository contract (repo-contract.ts), run against SQLite and the twin. */
import { expect, it } from "vitest";
import type { Installation } from "../../src/bot/ports.js";
import type { Repos } from "../../src/storage/index.js";

export function installationContractCases(repos: () => Repos, at: Date) {
  const later = (s: number) => new Date(at.getTime() + s * 1_000);
  const install = (team: string, token: string, s: number, extra: Partial<Installation> = {}): Installation => ({
    spaceId: `slack:${team}`, workspaceId: team, workspaceName: `Team ${team}`, enterpriseId: null, appId: "A1",
    botToken: token, botUserId: `UB${team}`, botId: `BB${team}`, scopes: ["commands", "chat:write"], installedBy: "U1",
    installedAt: later(s), updatedAt: later(s), ...extra,
  });

  it("installations: one per workspace; a reinstall replaces the token and scopes, keeps the first install time; removed once", async () => {
    const r = repos();
    expect(await r.installations.find("slack:T1")).toBeUndefined();
    await r.installations.save(install("T1", "xoxb-1", 1));
    await r.installations.save(install("T2", "xoxb-2", 2, { enterpriseId: "E1", installedBy: null, workspaceName: null }));
    expect(await r.installations.find("slack:T1")).toEqual(install("T1", "xoxb-1", 1));
    expect(await r.installations.find("slack:T2")).toEqual(install("T2", "xoxb-2", 2, { enterpriseId: "E1", installedBy: null, workspaceName: null }));
    expect(await r.installations.count()).toBe(2);

    await r.installations.save(install("T1", "xoxb-1b", 5, { scopes: ["commands", "chat:write", "files:write"], installedBy: "U9" }));
    expect(await r.installations.find("slack:T1")).toEqual({
      ...install("T1", "xoxb-1b", 5, { scopes: ["commands", "chat:write", "files:write"], installedBy: "U9" }), installedAt: later(1),
    });
    expect(await r.installations.count()).toBe(2);

    expect(await r.installations.remove("slack:T1")).toBe(true);
    expect(await r.installations.remove("slack:T1")).toBe(false);
    expect(await r.installations.find("slack:T1")).toBeUndefined();
    expect((await r.installations.find("slack:T2"))?.botToken).toBe("xoxb-2");
    expect(await r.installations.count()).toBe(1);
  });
}
