/**
 * A Slack message's `text` is its notification line and what screen readers read aloud: plain
 * text, whatever the reply. Checked over every reply the core gives on a walk through its
 * commands and buttons (grades, errors, threads and proactive posts included).
 */
import { describe, expect, it } from "vitest";
import { renderMessages } from "../../src/adapters/slack/render.js";
import { plainFromMarkdown } from "../../src/adapters/slack/mrkdwn.js";
import type { BotEvent } from "../../src/bot/event.js";
import type { Reply } from "../../src/bot/reply.js";
import { roundAnsweredReply } from "../../src/bot/views/round.js";
import { createTestCore, makeEvent } from "../fakes/core.js";

/** Markdown that must not reach a `text`: bold, code, strike, links, word-edge italics. */
const MARKDOWN = [/\*\*/, /`/, /~~/, /\]\(https?:/, /(^|\s)_[^_\s][^_]*_(\s|$|[.,;:!?])/];

const choicesOf = (r: Reply | undefined) => r?.blocks.flatMap((b) => (b.kind === "choices" ? b.options.map((o) => o.action) : [])) ?? [];
const formOf = (r: Reply | undefined) => r?.blocks.find((b) => b.kind === "form");

async function everyReply(): Promise<Reply[]> {
  const core = createTestCore();
  const seen: Reply[] = [];
  const send = async (e: Partial<BotEvent> & Pick<BotEvent, "kind" | "name">, depth = 0): Promise<void> => {
    const reply = await core.dispatcher.handle(makeEvent(e));
    if (!reply) return;
    seen.push(reply);
    if (depth >= 2) return;
    // Follow the first and the last button, and answer a form: grades, ratings, next questions.
    for (const action of new Set([choicesOf(reply)[0], choicesOf(reply).at(-1)])) if (action) await send({ kind: "action", name: action }, depth + 1);
    const form = formOf(reply);
    if (form?.kind === "form") await send({ kind: "submit", name: form.action, args: { text: "A cache keeps hot reads; invalidate on write, TTL bounds staleness." } }, depth + 1);
  };
  const admin = { id: "u1", name: "Asha", isAdmin: true };
  for (const [name, args] of [
    ["help", {}], ["topics", {}], ["quiz", {}], ["quiz", { format: "free" }], ["drill", {}], ["review", {}], ["daily", {}],
    ["plan", { action: "status" }], ["leaderboard", {}], ["streak", {}], ["stats", {}], ["me", {}], ["group", { action: "list" }],
    ["config", { action: "show" }], ["config", { action: "set", time: "09:00", tz: "Asia/Kolkata" }], ["round", { action: "start" }],
    ["mock", { action: "start" }], ["mock", { action: "next" }], ["mock", { action: "end" }], ["nosuch", {}],
  ] as const) {
    await send({ kind: "command", name, args, user: admin });
  }
  await send({ kind: "action", name: "quiz.answer:nosuch:0" });
  seen.push(...core.outbox.posts.map((p) => p.reply), ...core.outbox.threads.map((t) => t.first));
  seen.push(roundAnsweredReply("Cache-aside", "09:05 UTC", "**3-day streak!**"));
  return seen;
}

describe("Slack text fallbacks", () => {
  it("markdown becomes plain text: bold, italics, code and links", () => {
    expect(plainFromMarkdown("**Correct:** use `SETNX`, _then_ [the docs](https://redis.io/docs) ~~now~~")).toBe("Correct: use SETNX, then the docs (https://redis.io/docs) now");
    expect(plainFromMarkdown("q-caching-1-01 stays, snake_case_id too")).toBe("q-caching-1-01 stays, snake_case_id too");
  });

  it("every reply the core gives renders with a plain-text `text` on every Slack message", async () => {
    const replies = await everyReply();
    expect(replies.length).toBeGreaterThan(30);
    // The walk meets fallbacks that carry markdown, so the check bites.
    expect(replies.some((r) => MARKDOWN.some((re) => re.test(r.fallback)))).toBe(true);
    for (const reply of replies) {
      for (const m of renderMessages(reply)) {
        for (const re of MARKDOWN) expect(m.text, `${reply.title ?? ""}: ${reply.fallback}`).not.toMatch(re);
      }
    }
  });
});
