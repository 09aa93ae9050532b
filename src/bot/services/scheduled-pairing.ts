/**
 * Scheduled peer mocks (`/mock pair tomorrow 19:00`, issue 22). A booking is a start time in the
 * member's zone. Two bookings overlap when their starts are less than SLOT_MINUTES apart (each
 * booking is a 60-minute slot from its start); a new booking is matched at once with an open,
 * overlapping booking of someone else in the space, at any level (scheduled partners are scarce):
 * the closest level first, then the closest start, then whoever booked first. The mock starts at
 * the later of the two starts, a time both said they are free from. Roles as in live pairing:
 * the higher level interviews; at equal levels the earlier booker is the candidate.
 *
 * Then, by timers (kind "scheduled-mock", deterministic keys) that the overdue sweep also runs
 * from the database when Redis lost them:
 * - "remind", REMINDER_MINUTES before: the mock's thread opens (timed from the agreed start), the
 *   thread gets a reminder with an I'm here button, and both members a private ping.
 * - "check", NO_SHOW_MINUTES after the start: a member who neither pressed I'm here nor wrote in
 *   the thread is recorded as a no-show; the mock is closed and the other offered a solo mock.
 * - "expire", at an open booking's start: nobody matched it, so it lapses with a solo offer.
 */
import type { Context, Deps } from "../command.js";
import { UserError } from "../errors.js";
import { buildIcs } from "../ics.js";
import type { Booking, Member } from "../ports.js";
import { privateReply, text, userText, type Attachment, type Reply } from "../reply.js";
import { parseSlotTime } from "../slot-time.js";
import { localTimeText } from "../time.js";
import { threadName, type PeerRole } from "../views/pairing.js";
import {
  bookedReply, bookingLapsedReply, cancelledReply, hereReply, noShowReply, reminderDm, reminderReply, scheduledMatchReply,
} from "../views/scheduled-pairing.js";
import { whiteboardLink } from "../whiteboard.js";
import { retireControls } from "./mock.js";
import { pairLevel } from "./pairing.js";
import { startPeerMock } from "./peer-mock.js";
import { zoneOf } from "./streaks.js";

export const SLOT_MINUTES = 60;
export const REMINDER_MINUTES = 10;
export const NO_SHOW_MINUTES = 10;
/** Open and matched bookings a member may hold at once. */
export const MAX_BOOKINGS = 5;
const MINUTE = 60_000;

export type ScheduledStep = "remind" | "check" | "expire";
export interface ScheduledPayload { step: ScheduledStep; id: string; [k: string]: string }
export const scheduledKey = (p: Pick<ScheduledPayload, "step" | "id">) => `${p.id}-${p.step}`;

async function schedule(deps: Deps, step: ScheduledStep, id: string, at: Date): Promise<void> {
  await deps.scheduler.scheduleTimer?.("scheduled-mock", scheduledKey({ step, id }), at, { step, id });
}

const startOf = (b: Booking) => b.matchAt ?? b.startsAt;
const overlaps = (a: Date, b: Date) => Math.abs(a.getTime() - b.getTime()) < SLOT_MINUTES * MINUTE;

/** `/mock pair <when>`: books the slot and matches it at once when someone's overlaps. */
export async function bookSlot(ctx: Context<unknown>, when: string): Promise<Reply> {
  const { deps, member, space, event } = ctx;
  if (!deps.outbox?.openThread) throw new UserError("mock.noThreads");
  const tz = zoneOf(member, space);
  const now = deps.clock.now();
  const parsed = parseSlotTime(when, now, tz);
  if (!parsed.ok) throw new UserError(parsed.id, parsed.params);
  const mine = await deps.bookings.upcoming(member.id);
  const clash = mine.find((b) => overlaps(startOf(b), parsed.at));
  if (clash) throw new UserError("schedule.overlaps", { at: localTimeText(startOf(clash), tz), minutes: SLOT_MINUTES });
  if (mine.length >= MAX_BOOKINGS) throw new UserError("schedule.tooMany", { count: mine.length });
  const level = await pairLevel(deps, member.id);
  const booking = { id: deps.random.id(), spaceId: space.id, channelId: event.channel.id, memberId: member.id, level, startsAt: parsed.at, createdAt: now };
  await deps.bookings.create(booking);
  const matched = await matchBooking(deps, member, booking.id);
  if (matched) return matched;
  await schedule(deps, "expire", booking.id, booking.startsAt);
  return bookedReply({ bookingId: booking.id, at: localTimeText(parsed.at, tz), slotMinutes: SLOT_MINUTES, hasTimer: Boolean(deps.scheduler.scheduleTimer) });
}

/** Who a booking is matched with among the open ones (undefined: nobody overlaps). */
export function pickBooking(mine: Booking, open: readonly Booking[]): Booking | undefined {
  const gap = (b: Booking) => Math.abs(b.level - mine.level);
  const apart = (b: Booking) => Math.abs(b.startsAt.getTime() - mine.startsAt.getTime());
  return open.filter((b) => b.memberId !== mine.memberId && overlaps(b.startsAt, mine.startsAt))
    .sort((a, b) => gap(a) - gap(b) || apart(a) - apart(b) || a.createdAt.getTime() - b.createdAt.getTime())[0];
}

/** Matches the member's new booking; the reply for them (with the .ics), or undefined when nobody overlaps. */
async function matchBooking(deps: Deps, member: Member, bookingId: string): Promise<Reply | undefined> {
  for (;;) {
    const mine = await deps.bookings.get(bookingId);
    if (!mine || mine.status !== "open") return undefined;
    const other = pickBooking(mine, await deps.bookings.open(mine.spaceId));
    if (!other) return undefined;
    const partner = await deps.members.get(other.memberId);
    if (!partner) { await deps.bookings.expire(other.id); continue; }
    // The higher level interviews; at equal levels the one who booked first is the candidate.
    const iInterview = mine.level >= other.level;
    const matchId = deps.random.id();
    const matchAt = new Date(Math.max(mine.startsAt.getTime(), other.startsAt.getTime()));
    const whiteboard = whiteboardLink(deps.random);
    // Lost a race for that booking: look again.
    if (!(await deps.bookings.match({ matchId, matchAt, whiteboard, candidate: iInterview ? other.id : mine.id, interviewer: iInterview ? mine.id : other.id }))) continue;
    await deps.scheduler.cancelTimer?.("scheduled-mock", scheduledKey({ step: "expire", id: other.id }));
    await schedule(deps, "remind", matchId, new Date(matchAt.getTime() - REMINDER_MINUTES * MINUTE));
    await schedule(deps, "check", matchId, new Date(matchAt.getTime() + NO_SHOW_MINUTES * MINUTE));
    const o = { matchId, matchAt, whiteboard, now: deps.clock.now() };
    const space = await deps.spaces.get(mine.spaceId);
    const zone = (m: Member) => (space ? zoneOf(m, space) : (m.timezone ?? deps.defaultTimezone));
    await deps.outbox?.post({ spaceId: other.spaceId, channelId: other.channelId, userId: partner.platformUserId },
      matchReply(o, partner, member, iInterview ? "candidate" : "interviewer", zone(partner)), { idempotencyKey: `sched-matched-${matchId}-${partner.id}` });
    return matchReply(o, member, partner, iInterview ? "interviewer" : "candidate", zone(member));
  }
}

function matchReply(o: { matchId: string; matchAt: Date; whiteboard: string; now: Date }, me: Member, partner: Member, role: PeerRole, tz: string): Reply {
  return scheduledMatchReply({
    partner: userText(partner.displayName), at: localTimeText(o.matchAt, tz), role, whiteboard: o.whiteboard, reminderMinutes: REMINDER_MINUTES,
    ics: icsFile(o, partner.displayName, role),
  });
}

/** The calendar file for one member: same UID for both, so it names the event, not the person. */
export function icsFile(o: { matchId: string; matchAt: Date; whiteboard: string; now: Date }, partner: string, role: PeerRole): Attachment {
  const ics = buildIcs({
    uid: `${o.matchId}@prepcoach`, stamp: o.now, start: o.matchAt, end: new Date(o.matchAt.getTime() + SLOT_MINUTES * MINUTE),
    summary: `Peer mock interview with ${partner}`,
    description: `prepcoach scheduled mock: you are the ${role}. The interview's thread opens in the channel ${REMINDER_MINUTES} minutes before. ` +
      `Shared whiteboard: ${o.whiteboard}`,
    url: o.whiteboard,
  });
  return { name: "prepcoach-mock.ics", contentType: "text/calendar", data: Buffer.from(ics, "utf8").toString("base64"), description: "Add the mock to your calendar" };
}

/** `/mock pair cancel` (every open booking of the member) or the Cancel button (one). */
export async function cancelBookings(ctx: Context<unknown>, bookingId?: string): Promise<Reply> {
  const { deps, member, space } = ctx;
  if (bookingId) {
    const b = await deps.bookings.get(bookingId);
    if (b && b.memberId !== member.id) throw new UserError("schedule.notYourBooking");
  }
  const open = (await deps.bookings.upcoming(member.id)).filter((b) => b.status === "open" && (!bookingId || b.id === bookingId));
  const done: string[] = [];
  for (const b of open) {
    if (!(await deps.bookings.cancel(b.id, member.id))) continue;
    await deps.scheduler.cancelTimer?.("scheduled-mock", scheduledKey({ step: "expire", id: b.id }));
    done.push(localTimeText(b.startsAt, zoneOf(member, space)));
  }
  if (done.length === 0) throw new UserError("schedule.nothingToCancel");
  return cancelledReply(done);
}

/** The I'm here button in the mock's thread. */
export async function markHere(ctx: Context<unknown>, matchId: string): Promise<Reply> {
  const { deps, member } = ctx;
  const rows = await deps.bookings.ofMatch(matchId);
  if (!rows.some((b) => b.memberId === member.id)) throw new UserError("schedule.notInMatch");
  if (!(await deps.bookings.markJoined(matchId, member.id, deps.clock.now()))) return privateReply(undefined, [text("You're marked as here already.")]);
  return hereReply(userText(member.displayName));
}

/** A "scheduled-mock" timer (or the overdue sweep): idempotent, stale steps do nothing. */
export async function scheduledMockTimer(deps: Deps, p: { step: string; id: string }): Promise<void> {
  if (p.step === "expire") return expireBooking(deps, p.id);
  if (p.step === "remind") return remind(deps, p.id);
  if (p.step === "check") return checkNoShows(deps, p.id);
}

async function pairOf(deps: Deps, matchId: string) {
  const rows = await deps.bookings.ofMatch(matchId);
  const [cand, intv] = [rows.find((b) => b.role === "candidate"), rows.find((b) => b.role === "interviewer")];
  if (!cand || !intv) return undefined;
  const [candidate, interviewer] = await Promise.all([deps.members.get(cand.memberId), deps.members.get(intv.memberId)]);
  return candidate && interviewer ? { cand, intv, candidate, interviewer } : undefined;
}

async function remind(deps: Deps, matchId: string): Promise<void> {
  const pair = await pairOf(deps, matchId);
  if (!pair || pair.cand.remindedAt || pair.cand.checkedAt || !deps.outbox) return;
  const { cand, candidate, interviewer } = pair;
  const matchAt = cand.matchAt!;
  let session = cand.mockId ? await deps.mocks.get(cand.spaceId, cand.mockId) : undefined;
  let problemTitle: string | undefined;
  if (!session) {
    const m = await startPeerMock(deps, { spaceId: cand.spaceId, channelId: cand.channelId, candidate, interviewer, startsAt: matchAt, whiteboard: cand.whiteboard ?? whiteboardLink(deps.random) });
    await deps.bookings.setMock(matchId, m.session.id);
    session = m.session;
    problemTitle = threadName(m.problem);
  }
  const name = problemTitle ?? threadName(deps.curriculum.problems.find((x) => x.id === session!.problemId) ?? { title: session.problemId } as never);
  const space = await deps.spaces.get(cand.spaceId);
  const tz = space?.timezone ?? deps.defaultTimezone;
  const names: [string, string] = [userText(candidate.displayName), userText(interviewer.displayName)];
  const minutes = Math.max(0, Math.round((matchAt.getTime() - deps.clock.now().getTime()) / MINUTE));
  if (session.threadId) {
    await deps.outbox.post({ spaceId: cand.spaceId, channelId: cand.channelId, threadId: session.threadId },
      reminderReply({ matchId, names, at: localTimeText(matchAt, tz), minutes, noShowMinutes: NO_SHOW_MINUTES }), { idempotencyKey: `sched-remind-${matchId}` });
  }
  for (const [me, partner, row] of [[candidate, interviewer, pair.cand], [interviewer, candidate, pair.intv]] as const) {
    await deps.outbox.post({ spaceId: row.spaceId, channelId: row.channelId, userId: me.platformUserId },
      reminderDm({ partner: userText(partner.displayName), minutes, threadName: name, channelId: cand.channelId, threadId: session.threadId ?? "" }),
      { idempotencyKey: `sched-remind-${matchId}-${me.id}` });
  }
  await deps.bookings.markReminded(matchId, deps.clock.now());
}

async function checkNoShows(deps: Deps, matchId: string): Promise<void> {
  let pair = await pairOf(deps, matchId);
  if (!pair || pair.cand.checkedAt) return;
  // Both timers lost and run late by the sweep: the reminder (and the thread) come first.
  if (!pair.cand.remindedAt) {
    await remind(deps, matchId);
    pair = await pairOf(deps, matchId);
    if (!pair) return;
  }
  const now = deps.clock.now();
  const session = pair.cand.mockId ? await deps.mocks.get(pair.cand.spaceId, pair.cand.mockId) : undefined;
  const joined = (b: Booking) => b.joinedAt !== null || Boolean(session?.transcript.some((l) => l.who === b.role));
  const absent = [pair.cand, pair.intv].filter((b) => !joined(b));
  if (!(await deps.bookings.settle(matchId, absent.map((b) => b.memberId), now))) return;
  if (absent.length === 0 || !session || session.endedAt) return;
  // Nobody to interview (or be interviewed by): the peer mock closes quietly, without a scorecard.
  await deps.mocks.update(session.id, { endedAt: now });
  for (const key of [`${session.id}-p${session.phase}-over`, `${session.id}-warn5`, `${session.id}-wrap`]) await deps.scheduler.cancelTimer?.("mock-nudge", key);
  await retireControls(deps, session);
  const byId = new Map([[pair.candidate.id, pair.candidate], [pair.interviewer.id, pair.interviewer]]);
  const presentRow = [pair.cand, pair.intv].find((b) => joined(b));
  const present = presentRow && byId.get(presentRow.memberId);
  await deps.outbox?.post({ spaceId: session.spaceId, channelId: session.channelId, ...(session.threadId ? { threadId: session.threadId } : {}) }, noShowReply({
    absent: absent.map((b) => userText(byId.get(b.memberId)!.displayName)), minutes: NO_SHOW_MINUTES,
    ...(present && presentRow ? { present: { memberId: present.id, name: userText(present.displayName), channelId: presentRow.channelId } } : {}),
  }), { idempotencyKey: `sched-noshow-${matchId}` });
}

async function expireBooking(deps: Deps, bookingId: string): Promise<void> {
  const b = await deps.bookings.get(bookingId);
  if (!b || b.status !== "open" || !(await deps.bookings.expire(b.id))) return;
  const member = await deps.members.get(b.memberId);
  const space = await deps.spaces.get(b.spaceId);
  if (!member || !deps.outbox) return;
  await deps.outbox.post({ spaceId: b.spaceId, channelId: b.channelId }, bookingLapsedReply({
    memberId: member.id, name: userText(member.displayName), channelId: b.channelId,
    at: localTimeText(b.startsAt, space ? zoneOf(member, space) : deps.defaultTimezone),
  }), { idempotencyKey: `sched-expire-${b.id}` });
}

/** What is pending, from the database, for the overdue sweep: an open booking's expiry, a match's reminder and check. */
export async function pendingScheduled(deps: Deps): Promise<Array<{ key: string; at: Date; payload: ScheduledPayload }>> {
  const out: Array<{ key: string; at: Date; payload: ScheduledPayload }> = [];
  const seen = new Set<string>();
  const add = (step: ScheduledStep, id: string, at: Date) => out.push({ key: scheduledKey({ step, id }), at, payload: { step, id } });
  for (const b of await deps.bookings.pending()) {
    if (b.status === "open") { add("expire", b.id, b.startsAt); continue; }
    if (!b.matchId || !b.matchAt || seen.has(b.matchId)) continue;
    seen.add(b.matchId);
    if (!b.remindedAt) add("remind", b.matchId, new Date(b.matchAt.getTime() - REMINDER_MINUTES * MINUTE));
    add("check", b.matchId, new Date(b.matchAt.getTime() + NO_SHOW_MINUTES * MINUTE));
  }
  return out;
}
