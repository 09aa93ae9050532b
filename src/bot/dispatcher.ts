/**
 * The core's single entry point: an event in, a reply out. It dedupes redelivered events,
 * resolves the space and member, validates arguments, runs gates, and is the one sink for
 * errors: a UserError becomes its message, anything else is logged with a reference.
 */
import { actionName, decodeAction } from "./action-ids.js";
import type { ActionHandler, Command, Deps } from "./command.js";
import { UserError } from "./errors.js";
import { mockMessage } from "./services/mock.js";
import { spaceKey, type BotEvent } from "./event.js";
import { formatUserMessage } from "./messages.js";
import { privateReply, text, type Reply } from "./reply.js";
import { nothingStoredReply } from "./views/me.js";
import { createSpaceCurricula, depsForSpace } from "./services/space-curriculum.js";

export interface Dispatcher {
  /** Undefined when the event needs no answer (an ordinary message outside a mock). */
  handle(event: BotEvent): Promise<Reply | undefined>;
  readonly commands: readonly Command[];
}

/**
 * Stored for a thread message that was recorded but needed no answer, so a redelivered message
 * is not written into the transcript twice. Never shown: handle() returns undefined for it.
 */
const RECORDED: Reply = { visibility: "private", blocks: [], fallback: "" };
const isRecorded = (r: Reply) => r.blocks.length === 0 && r.fallback === "";

/** How long handled events are remembered: far past any platform's redelivery (minutes). */
export const EVENT_MEMORY_DAYS = 7;

/** The daily clean-up: forgets events handled more than EVENT_MEMORY_DAYS ago; returns how many. */
export const forgetOldEvents = (deps: Pick<Deps, "events" | "clock">): Promise<number> =>
  deps.events.pruneBefore(new Date(deps.clock.now().getTime() - EVENT_MEMORY_DAYS * 86_400_000));

/** Replies given to someone with no profile: remembered without their user id (nothing stored about them). */
const anonymousReplies = new WeakSet<Reply>();
const anonymous = (r: Reply): Reply => { anonymousReplies.add(r); return r; };

/**
 * A reply to a click says who sees the clicked message, whatever answered it (a handler, an
 * error, a stored reply): every adapter then treats public buttons the same way.
 */
function withClicked(reply: Reply | undefined, event: BotEvent): Reply | undefined {
  if (!reply || !event.message || (event.kind !== "action" && event.kind !== "submit")) return reply;
  const { marks, ...rest } = reply;
  // Marks only make sense on the member's own message.
  return { ...rest, clickedFrom: event.message.visibility, ...(marks && event.message.visibility === "private" ? { marks } : {}) };
}

export function createDispatcher(baseDeps: Deps, commands: readonly Command[], actions: readonly ActionHandler[]): Dispatcher {
  // Every event sees its space's curriculum (issue 22): the built-in one plus the space's bank.
  const curricula = baseDeps.spaceCurricula ?? createSpaceCurricula(baseDeps.builtInCurriculum ?? baseDeps.curriculum, baseDeps.banks);
  const deps = baseDeps;
  const byName = new Map(commands.map((c) => [c.name, c]));
  const byAction = new Map(actions.map((a) => [a.type, a]));
  /** Known commands by name, actions by type: metric labels stay few (no session ids, no typos). */
  const metricName = (e: BotEvent) =>
    e.kind === "command" ? (byName.has(e.name) ? e.name : "unknown") : byAction.has(actionName(e.name) as never) ? actionName(e.name) : e.kind;
  // The same interaction arriving twice at once: the second waits for the first's reply.
  const inFlight = new Map<string, Promise<Reply | undefined>>();

  async function route(event: BotEvent, recorded: { reply?: Reply }): Promise<Reply | undefined> {
    const space = await baseDeps.spaces.ensure(
      { id: spaceKey(event), platform: event.platform, ...(event.space.name ? { name: event.space.name } : {}) },
      baseDeps.defaultTimezone,
    );
    const deps = await depsForSpace(baseDeps, curricula, space.id);
    if (event.kind !== "message") {
      // Reading or erasing one's own data creates no profile for someone who has none (any more).
      const withoutProfile = profileFreeReply(event);
      if (withoutProfile && !(await deps.members.find(space.id, event.user.id))) {
        const reply = withoutProfile();
        if (reply) return anonymous(reply);
      }
    }
    const member = await deps.members.ensure(space.id, event.user);
    if (event.kind === "message") {
      // Ordinary messages matter only inside a running mock interview's thread.
      const session = event.thread && (await deps.mocks.activeInThread(space.id, event.thread.id));
      const said = typeof event.args.text === "string" ? event.args.text : "";
      if (!session || !said) return undefined;
      return (await mockMessage({ args: {}, event, space, member, deps }, session, said)) ?? RECORDED;
    }
    if (event.kind === "command") {
      const command = byName.get(event.name);
      if (!command) throw new UserError("command.unknown", { name: `/${event.name}` });
      if (command.gates?.includes("adminOnly") && !event.user.isAdmin) {
        throw new UserError("admin.only", { command: command.name });
      }
      const parsed = command.args.safeParse(event.args);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.join(".");
        throw new UserError("args.invalid", {
          problem: where ? `${where}: ${issue?.message}` : String(issue?.message), command: command.name,
        });
      }
      return command.run({ args: parsed.data, event, space, member, deps, recorded });
    }
    const action = decodeAction(event.name);
    const handler = action && byAction.get(action.type);
    if (!action || !handler) throw new UserError("action.unknown");
    const submitted = typeof event.args.text === "string" ? { text: event.args.text } : {};
    return handler.run({ args: action, event, space, member, deps, recorded, ...submitted });
  }

  /** The command's or erasing action's reply for someone without a profile, if it has one. */
  function profileFreeReply(event: BotEvent): (() => Reply | undefined) | undefined {
    if (event.kind === "command") {
      const command = byName.get(event.name);
      const parsed = command?.withoutProfile && command.args.safeParse(event.args);
      return parsed && parsed.success ? () => command.withoutProfile!(parsed.data) : undefined;
    }
    const erases = byAction.get(actionName(event.name) as never)?.erasesMember;
    return erases ? () => nothingStoredReply() : undefined;
  }

  async function handleOnce(event: BotEvent): Promise<Reply | undefined> {
    const started = performance.now();
    const report = (outcome: "ok" | "user_error" | "internal_error" | "duplicate") =>
      deps.telemetry?.handled({ name: metricName(event), kind: event.kind, outcome, seconds: (performance.now() - started) / 1_000 });
    const sk = spaceKey(event);
    const earlier = await deps.events.find(sk, event.idempotencyKey);
    if (earlier) {
      report("duplicate");
      return isRecorded(earlier) ? undefined : earlier;
    }
    try {
      const recorded: { reply?: Reply } = {};
      const reply = await route(event, recorded);
      report("ok");
      // A scored activity stored its reply in its own commit (services/activity.ts): nothing more to write.
      if (recorded.reply) return isRecorded(recorded.reply) ? undefined : recorded.reply;
      // After `me delete` the member is gone: their user id must not come back with the stored reply.
      if (!reply) return undefined;
      const erased = (event.kind === "action" && byAction.get(actionName(event.name) as never)?.erasesMember) || anonymousReplies.has(reply);
      const saved = await deps.events.save(sk, event.idempotencyKey, reply, erased ? undefined : event.user.id);
      return isRecorded(saved) ? undefined : saved;
    } catch (err) {
      if (err instanceof UserError) {
        report("user_error");
        const message = formatUserMessage(err.id, err.params);
        return privateReply(undefined, [text(message)], message);
      }
      report("internal_error");
      const ref = deps.random.id().slice(0, 6);
      deps.logger.error({ err, ref, command: event.name, kind: event.kind, user: event.user.id, space: sk }, "command failed");
      const message = `Something went wrong on my side (ref ${ref}). Please try again in a moment.`;
      return privateReply(undefined, [text(message)], message);
    }
  }

  return {
    commands,
    async handle(event) {
      const key = `${spaceKey(event)}|${event.idempotencyKey}`;
      const pending = inFlight.get(key);
      if (pending) return pending;
      const work = handleOnce(event).then((r) => withClicked(r, event)).finally(() => inFlight.delete(key));
      inFlight.set(key, work);
      return work;
    },
  };
}
