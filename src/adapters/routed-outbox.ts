/**
 * One Outbox for the jobs and the core: a post goes to the adapter of its space's platform
 * ("discord:…", "slack:…", "console:…"). A space whose platform no adapter serves in this process
 * fails for good: retrying cannot make an adapter appear.
 */
import { PermanentDeliveryError } from "../bot/errors.js";
import type { Outbox } from "../bot/ports.js";
import type { PlatformAdapter } from "./platform.js";

export interface RoutedOutbox extends Outbox {
  /** Adapters join after the outbox is built: the core they dispatch to needs the outbox first. */
  add(adapter: Pick<PlatformAdapter, "platform" | "outbox">): void;
}

export function createRoutedOutbox(): RoutedOutbox {
  const outboxes = new Map<string, Outbox>();
  const outboxFor = (spaceId: string): Outbox => {
    const found = outboxes.get(spaceId.slice(0, spaceId.indexOf(":")));
    if (!found) throw new PermanentDeliveryError(`no adapter runs for ${spaceId}`);
    return found;
  };
  return {
    add: (adapter) => void outboxes.set(adapter.platform, adapter.outbox),
    post: (target, reply, opts) => outboxFor(target.spaceId).post(target, reply, opts),
    openThread: (target, name, first) => {
      const o = outboxFor(target.spaceId);
      if (!o.openThread) throw new PermanentDeliveryError(`no threads on ${target.spaceId}`);
      return o.openThread(target, name, first);
    },
    retire: async (thread, actions) => outboxFor(thread.spaceId).retire?.(thread, actions),
    // A platform without roles (the console) has none to check or give.
    checkRole: async (spaceId, roleId, use) => {
      const o = outboxFor(spaceId);
      return o.checkRole ? o.checkRole(spaceId, roleId, use) : { ok: false, problem: "unsupported" };
    },
    setMemberRole: async (spaceId, userId, roleId, hold) => {
      const o = outboxFor(spaceId);
      if (!o.setMemberRole) throw new PermanentDeliveryError(`no roles on ${spaceId}`);
      return o.setMemberRole(spaceId, userId, roleId, hold);
    },
  };
}
