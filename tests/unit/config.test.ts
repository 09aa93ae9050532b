import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type Config, ConfigError, databaseDialect, Env, loadConfig } from "../../src/config.js";

describe("config", () => {
  it("runs with an empty environment on the embedded defaults", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ DATABASE_URL: "file:./data/prepcoach.db", REDIS_URL: "redis://127.0.0.1:6379", DEFAULT_TIMEZONE: "UTC" });
    expect(c.DISCORD_TOKEN).toBeUndefined();
    expect(Object.isFrozen(c)).toBe(true);
  });

  it("selects PostgreSQL for postgres:// and postgresql:// URLs, SQLite for file:", () => {
    for (const url of ["postgres://postgres@127.0.0.1:5432/prepcoach", "postgresql://u:p@db/prepcoach"]) {
      expect(databaseDialect(loadConfig({ DATABASE_URL: url }).DATABASE_URL)).toBe("postgres");
    }
    expect(databaseDialect(loadConfig({}).DATABASE_URL)).toBe("sqlite");
  });

  it("treats blank values as unset", () => {
    expect(loadConfig({ DISCORD_TOKEN: "", HTTP_PORT: "" }).DISCORD_TOKEN).toBeUndefined();
  });

  // The typed value each variable takes when unset: a boolean is a boolean (the string "false"
  // is truthy and asked Discord for the privileged Message Content intent), a list a list.
  const TYPED_DEFAULTS: Record<string, unknown> = {
    NODE_ENV: "development", LOG_LEVEL: undefined, DATABASE_URL: "file:./data/prepcoach.db",
    REDIS_URL: "redis://127.0.0.1:6379", QUEUE_PREFIX: "prepcoach", DEFAULT_TIMEZONE: "UTC",
    PROCESS_ROLE: "all", HTTP_PORT: undefined, PREPCOACH_FILES_DIR: undefined, CHART_WORKERS: undefined,
    DISCORD_TOKEN: undefined, DISCORD_APP_ID: undefined, DISCORD_GUILD_ID: undefined,
    DISCORD_API_URL: undefined, DISCORD_MESSAGE_CONTENT: false,
    SLACK_BOT_TOKEN: undefined, SLACK_SIGNING_SECRET: undefined, SLACK_APP_TOKEN: undefined,
    SLACK_API_URL: undefined, SLACK_ADMIN_USER_IDS: [],
    LLM_BASE_URL: undefined, LLM_MODEL: undefined, LLM_API_KEY: undefined, LLM_TIMEOUT_MS: 8_000, LLM_DAILY_CALLS_PER_MEMBER: 50,
  };

  it("names a typed default for every variable of the schema", () => {
    expect(Object.keys(TYPED_DEFAULTS).sort()).toEqual(Object.keys(Env.shape).sort());
  });

  it.each(Object.keys(TYPED_DEFAULTS))("%s: unset gives its typed default; blank or spaces equal unset", (key) => {
    const unset = loadConfig({})[key as keyof Config];
    expect(unset).toStrictEqual(TYPED_DEFAULTS[key]);
    expect(loadConfig({ [key]: "" })[key as keyof Config]).toStrictEqual(unset);
    expect(loadConfig({ [key]: "  " })[key as keyof Config]).toStrictEqual(unset);
  });

  it.each([
    ["true", true], ["1", true], ["false", false], ["0", false],
  ])("DISCORD_MESSAGE_CONTENT=%s is the boolean %s", (raw, value) => {
    expect(loadConfig({ DISCORD_MESSAGE_CONTENT: raw }).DISCORD_MESSAGE_CONTENT).toBe(value);
  });

  it("SLACK_ADMIN_USER_IDS is a list of ids", () => {
    expect(loadConfig({ SLACK_ADMIN_USER_IDS: " U1, U2 ,," }).SLACK_ADMIN_USER_IDS).toEqual(["U1", "U2"]);
  });

  it.each([
    [{ REDIS_URL: "localhost:6379" }, "REDIS_URL: must start with redis:// or rediss://"],
    [{ HTTP_PORT: "70000" }, "HTTP_PORT:"],
    [{ CHART_WORKERS: "0" }, "CHART_WORKERS:"],
    [{ DISCORD_TOKEN: "abc" }, "DISCORD_APP_ID: is required when DISCORD_TOKEN is set"],
    [{ SLACK_BOT_TOKEN: "xoxb-1" }, "SLACK_SIGNING_SECRET: or SLACK_APP_TOKEN is required"],
    [{ SLACK_BOT_TOKEN: "nope", SLACK_SIGNING_SECRET: "s" }, "SLACK_BOT_TOKEN: must start with xoxb-"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL: must look like file:./data/prepcoach.db or postgres://"],
    [{ LLM_BASE_URL: "http://127.0.0.1:11434/v1" }, "LLM_MODEL: is required when LLM_BASE_URL is set"],
    [{ LLM_TIMEOUT_MS: "soon" }, "LLM_TIMEOUT_MS:"],
  ])("names the variable and the problem for %o", (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it(".env.example lists every variable of the schema, in schema order", () => {
    const keys = readFileSync(new URL("../../.env.example", import.meta.url), "utf8")
      .split("\n").filter((l) => /^[A-Z_]+=/.test(l)).map((l) => l.split("=")[0]);
    const schemaKeys = Object.keys((Env as unknown as { def: { in?: { shape: object }; schema?: { shape: object } } }).def.in?.shape
      ?? (Env as unknown as { shape: object }).shape ?? {});
    expect(keys).toEqual(schemaKeys);
  });
});
