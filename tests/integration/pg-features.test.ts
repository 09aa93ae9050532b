/**
 * Scheduled mocks, role rewards and question banks on PostgreSQL, where the contract
 * (pg-contract.test.ts) cannot reach: two hosts racing for one booking or one grant, a bank's
 * file written back as it was read, and `me delete` reaching the new tables and the installer of a
 * Slack installation (every table of the PostgreSQL schema searched afterwards, as
 * member-data.test.ts does for SQLite).
 */
import { is } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { afterAll, describe, expect, it } from "vitest";
import type { Member } from "../../src/bot/ports.js";
import * as schema from "../../src/storage/pg/schema.js";
import { openStore, type Store } from "../../src/storage/store.js";
import { createTestDatabase, query } from "../helpers/pg-database.js";

const drops: Array<() => Promise<void>> = [];
const stores: Store[] = [];
afterAll(async () => {
  for (const s of stores) await s.close();
  for (const d of drops) await d();
});
/** Two stores on one fresh database: two hosts, as far as the server can tell. */
async function twoHosts(): Promise<{ url: string; hosts: [Store, Store] }> {
  const d = await createTestDatabase();
  drops.push(d.drop);
  const hosts: [Store, Store] = [await openStore(d.url), await openStore(d.url)];
  stores.push(...hosts);
  return { url: d.url, hosts };
}

const at = new Date("2026-11-23T10:00:00Z");
const later = (min: number) => new Date(at.getTime() + min * 60_000);

describe("PostgreSQL: bookings, roles and banks across hosts", () => {
  it("two hosts matching one booking with different partners at once: exactly one match wins", async () => {
    const { url, hosts } = await twoHosts();
    const { repos } = hosts[0];
    await repos.spaces.ensure({ id: "slack:B", platform: "slack" }, "UTC");
    const ids = ["cand", "i1", "i2", "i3", "i4", "i5", "i6"];
    const members = await Promise.all(ids.map((id) => repos.members.ensure("slack:B", { id, name: id })));
    for (const [n, m] of members.entries()) {
      await repos.bookings.create({ id: `k-${ids[n]}`, spaceId: "slack:B", channelId: "c", memberId: m.id, level: 1, startsAt: later(60), createdAt: at });
    }
    // Every interviewer booking claims the candidate's at once, half of them through each host.
    const wins = await Promise.all(ids.slice(1).map((id, n) => hosts[n % 2]!.repos.bookings.match({
      matchId: `m-${id}`, matchAt: later(60), whiteboard: "w", candidate: "k-cand", interviewer: `k-${id}`,
    })));
    expect(wins.filter(Boolean)).toHaveLength(1);
    const winner = ids.slice(1)[wins.indexOf(true)]!;
    const cand = await repos.bookings.get("k-cand");
    expect(cand).toMatchObject({ status: "matched", matchId: `m-${winner}`, role: "candidate" });
    expect((await repos.bookings.ofMatch(`m-${winner}`)).map((b) => b.id)).toEqual(["k-cand", `k-${winner}`]);
    expect(await query(url, "select count(*)::int n from mock_bookings where status = 'matched'")).toEqual([{ n: 2 }]);
    expect((await repos.bookings.open("slack:B"))).toHaveLength(ids.length - 2);
  });

  it("two hosts granting the same role to one member at once record one grant; the first failure is news once", async () => {
    const { url, hosts } = await twoHosts();
    const { repos } = hosts[0];
    await repos.spaces.ensure({ id: "discord:G", platform: "discord" }, "UTC");
    const m = await repos.members.ensure("discord:G", { id: "u", name: "U" });
    await Promise.all(Array.from({ length: 8 }, (_, n) => hosts[n % 2]!.repos.roles.granted("discord:G", m.id, "r7", at)));
    expect(await query(url, "select count(*)::int n from role_grants")).toEqual([{ n: 1 }]);
    expect(await hosts[1].repos.roles.held(m.id)).toEqual(["r7"]);

    const reward = await repos.roles.setReward({ spaceId: "discord:G", roleId: "r7", kind: "streak", threshold: 7, removeOnBreak: false, createdBy: "admin" }, at);
    const news = await Promise.all(Array.from({ length: 8 }, (_, n) => hosts[n % 2]!.repos.roles.setProblem(reward.id, "roleTooHigh")));
    expect(news.filter(Boolean)).toHaveLength(1);
  });

  it("a bank's items come back as the file wrote them (key order too) and two imports at once leave one whole file", async () => {
    const { hosts } = await twoHosts();
    const { repos } = hosts[0];
    await repos.spaces.ensure({ id: "slack:K", platform: "slack" }, "UTC");
    // Keys in the file's order, not sorted: export writes `raw` back, and jsonb would reorder them.
    const raw = { summary: "s", title: "Caching", id: "caching-own" };
    const item = { id: "caching-own", title: "Caching", summary: "s" };
    const file = (name: string, n: number) => ({
      format: "yaml" as const, fileName: name, importedAt: at,
      items: Array.from({ length: n }, (_, i) => ({ kind: "topic" as const, id: `${name}-${i}`, line: i + 1, item, raw })),
    });
    await repos.banks.replace("slack:K", file("one", 1));
    const stored = await hosts[1].repos.banks.get("slack:K");
    expect(JSON.stringify(stored?.items[0]?.raw)).toBe(JSON.stringify(raw));

    const before = await repos.banks.version("slack:K");
    await Promise.all([hosts[0].repos.banks.replace("slack:K", file("a", 30)), hosts[1].repos.banks.replace("slack:K", file("b", 20))]);
    const after = await repos.banks.get("slack:K");
    // Whichever committed last, its whole file and nothing of the other's.
    expect(after?.items.map((i) => i.id)).toEqual(file(after!.fileName, after!.fileName === "a" ? 30 : 20).items.map((i) => i.id));
    expect(await repos.banks.version("slack:K")).toBe(before + 2);
  });

  it("me delete reaches bookings, grants, rewards and installations: no table names the member afterwards", async () => {
    const { url, hosts } = await twoHosts();
    const { repos } = hosts[0];
    await repos.spaces.ensure({ id: "discord:D", platform: "discord" }, "UTC");
    const asha = await repos.members.ensure("discord:D", { id: "asha", name: "Asha" });
    const ravi = await repos.members.ensure("discord:D", { id: "ravi", name: "Ravi" });
    const book = (id: string, m: Member) => repos.bookings.create({ id, spaceId: "discord:D", channelId: "c", memberId: m.id, level: 1, startsAt: later(60), createdAt: at });
    await book("ka", asha);
    await book("kr", ravi);
    await book("ka-open", asha);
    expect(await repos.bookings.match({ matchId: "m", matchAt: later(60), whiteboard: "w", candidate: "kr", interviewer: "ka" })).toBe(true);
    await repos.roles.granted("discord:D", asha.id, "r7", at);
    await repos.roles.granted("discord:D", ravi.id, "r7", at);
    await repos.roles.setReward({ spaceId: "discord:D", roleId: "r7", kind: "streak", threshold: 7, removeOnBreak: false, createdBy: "asha" }, at);
    await repos.roles.setPing("discord:D", "r1", at);
    await repos.banks.setTopicOff("discord:D", "caching", true);
    // An app installation she made (Slack OAuth's installed_by; the table has no platform of its own).
    await repos.installations.save({
      spaceId: "discord:D", workspaceId: "D", workspaceName: null, enterpriseId: null, appId: null, botToken: "xoxb-secret", botUserId: "UB", botId: null,
      scopes: ["commands"], installedBy: "asha", installedAt: at, updatedAt: at,
    });

    const data = await repos.memberData.export(asha);
    expect(Object.keys(data).sort()).toEqual(["members", "mock_bookings", "role_grants", "role_rewards", "slack_installations"]);
    expect(data.mock_bookings).toHaveLength(3); // her two, and Ravi's naming her as partner
    expect(data.slack_installations).toEqual([expect.objectContaining({ installedBy: "asha", botToken: "(redacted)" })]);
    expect(JSON.stringify(data)).not.toContain("xoxb-secret");
    expect(await repos.memberData.erase(asha)).toEqual({ members: 1, mock_bookings: 3, role_grants: 1, role_rewards: 1, slack_installations: 1 });

    expect(await rowsNaming(url, asha)).toEqual({});
    // Ravi's booking stays his, without its partner; the reward and the space's settings stay the space's.
    expect(await repos.bookings.get("kr")).toMatchObject({ memberId: ravi.id, partnerId: null, status: "matched" });
    expect(await repos.bookings.get("ka")).toBeUndefined();
    expect(await repos.roles.rewards("discord:D")).toMatchObject([{ roleId: "r7", createdBy: "deleted-member" }]);
    expect(await repos.roles.held(ravi.id)).toEqual(["r7"]);
    expect(await repos.roles.ping("discord:D")).toBe("r1");
    expect(await repos.banks.disabledTopics("discord:D")).toEqual(["caching"]);
    expect(await repos.installations.find("discord:D")).toMatchObject({ installedBy: null, botToken: "xoxb-secret" });
  });
});

/** Written apart from src/storage/pg/member-data.ts: which columns name a member. */
const MEMBER_INT = ["member_id", "partner_id", "rater_id", "ratee_id", "created_by", "started_by"];
const USER_TEXT = ["platform_user_id", "user_id", "created_by", "installed_by"];

/** Every row, in every table of the PostgreSQL schema, that names the member by id or (in their space) by platform user id. */
async function rowsNaming(url: string, m: Member): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  const tables = (Object.values(schema) as unknown[]).filter((t): t is PgTable => is(t, PgTable)).map((t) => getTableConfig(t));
  for (const t of tables) {
    for (const c of t.columns) {
      const isInt = c.dataType === "number" && (MEMBER_INT.includes(c.name) || (t.name === "members" && c.name === "id"));
      const isUser = c.dataType === "string" && USER_TEXT.includes(c.name);
      if (!isInt && !isUser) continue;
      const [row] = isInt
        ? await query<{ n: number }>(url, `select count(*)::int n from "${t.name}" where "${c.name}" = $1`, [m.id])
        : await query<{ n: number }>(url, `select count(*)::int n from "${t.name}" where space_id = $1 and "${c.name}" = $2`, [m.spaceId, m.platformUserId]);
      if (row!.n) found[`${t.name}.${c.name}`] = row!.n;
    }
  }
  return found;
}
