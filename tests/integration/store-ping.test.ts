/**
 * The store's health probe (`/healthz` database: up|down), per dialect: SELECT 1 on the SQLite
 * file or on the PostgreSQL pool, false (never a throw, never a hang) once the database is gone.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/storage/store.js";
import { createTestDatabase } from "../helpers/pg-database.js";

const dir = mkdtempSync(join(tmpdir(), "prepcoach-ping-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("Store.ping", () => {
  it("PostgreSQL: up while the database answers, down once it is dropped under the pool", async () => {
    const database = await createTestDatabase();
    const store = await openStore(database.url);
    try {
      expect(store.dialect).toBe("postgres");
      expect(await store.ping()).toBe(true);
      await database.drop(); // WITH (FORCE): the pool's connections are ended by the server
      expect(await store.ping(500)).toBe(false);
    } finally {
      await store.close();
      await database.drop();
    }
  });

  it("SQLite: up while the file is open, down once it is closed", async () => {
    const store = await openStore(`file:${join(dir, "coach.db")}`);
    expect(store.dialect).toBe("sqlite");
    expect(await store.ping()).toBe(true);
    await store.close();
    expect(await store.ping()).toBe(false);
  });
});
