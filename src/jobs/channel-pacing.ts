/**
 * Spaces posts to the same channel: Slack allows about one message per second per channel
 * (https://api.slack.com/apis/rate-limits#posting-messages). Posts to one channel wait their turn;
 * different channels do not wait for each other.
 */
import type { Outbox } from "../bot/ports.js";

export function pacePerChannel(outbox: Outbox, minGapMs = 1_000, now: () => number = Date.now): Outbox {
  const lastPost = new Map<string, Promise<number>>();
  return {
    async post(target, reply, opts) {
      const previous = lastPost.get(target.channelId) ?? Promise.resolve(0);
      const turn = previous.then(async (lastAt) => {
        const wait = lastAt + minGapMs - now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        return now();
      });
      // The next post in this channel waits for this one's start time, whether it succeeds or not.
      lastPost.set(target.channelId, turn.catch(() => now()));
      await turn;
      return outbox.post(target, reply, opts);
    },
  };
}
