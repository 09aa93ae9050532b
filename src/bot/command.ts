/**
 * `defineCommand` and `defineAction`: one file per command or button handler, the command's
 * arguments as a zod schema so `run` gets typed values and adapters can derive their options.
 */
import type { z } from "zod";
import type { Curriculum } from "../curriculum/loader.js";
import type { Action } from "./action-ids.js";
import type { CommandRef } from "./command-ref.js";
import type { BotEvent } from "./event.js";
import type {
  ActivityRepo, Clock, EventLog, Logger, Member, MemberRepo, MockRepo, Outbox, QuizRepo, PointsRepo, Random, ReviewRepo, Scheduler, Space, SpaceRepo, SubscriptionRepo, Telemetry,
} from "./ports.js";
import type { RoundRepo } from "./ports.js";
import type { PairRepo } from "./ports.js";
import type { GroupRepo } from "./ports.js";
import type { StreakRepo } from "./ports.js";
import type { MemberDataRepo } from "./ports.js";
import type { MemberPlanRepo } from "./ports.js";
import type { ReportRepo } from "./ports.js";
import type { BookingRepo } from "./ports.js";
import type { RoleRepo } from "./ports.js";
import type { BankRepo } from "./ports.js";
import type { SpaceCurricula } from "./services/space-curriculum.js";
import type { ModelPort } from "./ports.js";
import type { ChartRenderer } from "./ports.js";
import type { Reply } from "./reply.js";

/** Everything a command may use, built once in main.ts. */
export interface Deps {
  /** The curriculum of the space at hand: built-in content, less topics switched off, plus the space's bank (issue 22). */
  curriculum: Curriculum;
  /** The built-in content alone (set by the dispatcher beside a space's `curriculum`). */
  builtInCurriculum?: Curriculum;
  /** Spaces' own question banks. */
  banks: BankRepo;
  /** Each space's curriculum, cached; absent, the dispatcher builds one over `curriculum` and `banks`. */
  spaceCurricula?: SpaceCurricula;
  spaces: SpaceRepo;
  members: MemberRepo;
  quizzes: QuizRepo;
  reviews: ReviewRepo;
  points: PointsRepo;
  /** Scored activities in one commit each (services/activity.ts). */
  activities: ActivityRepo;
  mocks: MockRepo;
  /** The peer-mock queue and peer scores. */
  pairs: PairRepo;
  rounds: RoundRepo;
  groups: GroupRepo;
  streaks: StreakRepo;
  /** The plan each member follows on their own (`/plan`). */
  memberPlans: MemberPlanRepo;
  /** Everything stored about a member: `me export` / `me delete`. */
  memberData: MemberDataRepo;
  /** Members' reports of questions and drills (the Report button). */
  reports: ReportRepo;
  /** Scheduled peer mocks: bookings, matches, no-shows. */
  bookings: BookingRepo;
  /** The daily post's ping and role rewards (issue 22). */
  roles: RoleRepo;
  /** Posts outside the reply to the event: threads, DMs (the adapters of the space's platform). */
  outbox?: Outbox;
  subscriptions: SubscriptionRepo;
  events: EventLog;
  scheduler: Scheduler;
  clock: Clock;
  random: Random;
  logger: Logger;
  defaultTimezone: string;
  telemetry?: Telemetry;
  /** An OpenAI-compatible model (LLM_BASE_URL); absent, every answer is the offline one (issue 20). */
  model?: ModelPort;
  /** Draws the /stats chart off the event loop (src/charts' worker pool); absent, /stats has no chart. */
  charts?: ChartRenderer;
}

export interface Context<A> {
  args: A;
  event: BotEvent;
  space: Space;
  member: Member;
  deps: Deps;
  /**
   * Set by a service that stored the event's reply in its own transaction (services/activity.ts):
   * the dispatcher then returns it and writes nothing more. Absent outside the dispatcher.
   */
  recorded?: { reply?: Reply };
}

/** Named checks that run before a command, instead of inside `run`. */
export type Gate = "adminOnly";

export interface Command<S extends z.ZodObject = z.ZodObject> {
  name: string;
  summary: string;
  /** Usage lines shown by help, one per action; each adapter spells them (command-ref.ts). */
  usage: readonly CommandRef[];
  args: S;
  gates?: readonly Gate[];
  /**
   * For a command whose `action` arg is an enum: the other args each action takes. Adapters that
   * show actions as subcommands (Discord) use it; absent, every action takes every arg.
   * @example { start: ["problem", "minutes"], end: [] }
   */
  actionArgs?: Readonly<Record<string, readonly string[]>>;
  /**
   * For arguments that only read or erase what is stored: the reply to someone with no profile,
   * so that asking creates none (`me export` right after an erase). Undefined: run as usual.
   */
  withoutProfile?(args: z.infer<S>): Reply | undefined;
  run(ctx: Context<z.infer<S>>): Promise<Reply>;
}

export const defineCommand = <S extends z.ZodObject>(c: Command<S>): Command => c as unknown as Command;

/**
 * A command's on/off args (a zod boolean under optional/default): typed words such as `public`
 * set them, so "/leaderboard week public" needs no "public true".
 */
export function flagArgs(c: Command): string[] {
  const isBoolean = (s: z.ZodType): boolean => {
    const def = s._zod.def as { type: string; innerType?: z.ZodType };
    return def.type === "boolean" || ((def.type === "optional" || def.type === "default") && def.innerType !== undefined && isBoolean(def.innerType));
  };
  return Object.entries(c.args.shape as Record<string, z.ZodType>).filter(([, s]) => isBoolean(s)).map(([name]) => name);
}

export interface ActionHandler<T extends Action["type"] = Action["type"]> {
  type: T;
  /** The handler may erase the member (`me delete`): its reply is remembered without their user id. */
  erasesMember?: boolean;
  run(ctx: Context<Extract<Action, { type: T }>> & { text?: string }): Promise<Reply>;
}

export const defineAction = <T extends Action["type"]>(h: ActionHandler<T>): ActionHandler =>
  h as unknown as ActionHandler;
