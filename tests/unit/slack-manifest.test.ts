/** The Slack app manifest matches what the adapter listens for and calls. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { EVENTS_PATH } from "../../src/adapters/slack/client.js";
import { DEFAULT_SLASH } from "../../src/adapters/slack/commands.js";
import { BOT_SCOPES, REDIRECT_PATH } from "../../src/adapters/slack/installations.js";

interface Manifest {
  features: {
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean; messages_tab_read_only_enabled: boolean };
    slash_commands: Array<{ command: string; url: string; should_escape: boolean }>;
  };
  oauth_config: { redirect_urls: string[]; scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] }; interactivity: { is_enabled: boolean; request_url: string };
    org_deploy_enabled: boolean;
  };
}

const manifest = parse(readFileSync(join(import.meta.dirname, "../../slack-manifest.yaml"), "utf8")) as Manifest;

describe("slack-manifest.yaml", () => {
  it("declares /quiz and /coach, escaped, on the adapter's events path", () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([DEFAULT_SLASH.quiz, DEFAULT_SLASH.coach]);
    expect(manifest.features.slash_commands.every((c) => c.should_escape && new URL(c.url).pathname === EVENTS_PATH)).toBe(true);
    expect(new URL(manifest.settings.event_subscriptions.request_url).pathname).toBe(EVENTS_PATH);
    expect(manifest.settings.interactivity).toMatchObject({ is_enabled: true });
    expect(new URL(manifest.settings.interactivity.request_url).pathname).toBe(EVENTS_PATH);
  });

  it("enables the Home tab and subscribes to the events and scopes the adapter uses", () => {
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(["app_home_opened", "message.channels", "file_shared"]));
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(
      ["commands", "chat:write", "channels:join", "channels:history", "im:write", "users:read", "files:write", "files:read"],
    ));
  });

  it("a distributed app: the install flow asks for exactly the manifest's scopes, returns to bolt's redirect path, and hears uninstalls", () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...BOT_SCOPES].sort());
    expect(manifest.oauth_config.redirect_urls.map((u) => new URL(u).pathname)).toEqual([REDIRECT_PATH]);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(["app_uninstalled", "tokens_revoked"]));
    // One token per workspace: org-wide installs (no team) are refused by the store, so the manifest does not offer them.
    expect(manifest.settings.org_deploy_enabled).toBe(false);
  });

  it("lets members write in the Messages tab: admins share question-bank files there", () => {
    expect(manifest.features.app_home).toMatchObject({ messages_tab_read_only_enabled: false });
  });
});
