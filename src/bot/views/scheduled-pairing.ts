/** How scheduled peer mocks look: the booking, the match (with its calendar file), the reminder, no-shows, a lapsed booking. */
import { cmd } from "../command-ref.js";
import { encodeAction } from "../action-ids.js";
import { channelField, fields, privateReply, text, type Attachment, type Reply } from "../reply.js";
import type { PeerRole } from "./pairing.js";

export function bookedReply(o: { bookingId: string; at: string; slotMinutes: number; hasTimer: boolean }): Reply {
  const lapse = o.hasTimer ? " If nobody books a time near yours by then, the booking lapses and I'll tell you." : "";
  const message = `Booked: a peer mock at **${o.at}**. I'll pair you with whoever books a start within ${o.slotMinutes} minutes of it ` +
    `(any level) and tell you both who and when, with a calendar file.${lapse} ${cmd("mock pair", { when: "cancel" })} cancels it.`;
  return {
    visibility: "private", title: "Scheduled mock booked",
    blocks: [text(message), { kind: "choices", options: [{ action: encodeAction({ type: "mock.unbook", bookingId: o.bookingId }), label: "Cancel booking" }] }],
    fallback: `Booked a peer mock at ${o.at}`,
  };
}

export const cancelledReply = (times: readonly string[]): Reply =>
  privateReply("Booking cancelled", [text(`Cancelled your booking${times.length > 1 ? "s" : ""} at ${times.map((t) => `**${t}**`).join(", ")}.`)]);

/** To each member of a new match: partner, time, role, the whiteboard, and the .ics file. */
export function scheduledMatchReply(o: { partner: string; at: string; role: PeerRole; whiteboard: string; reminderMinutes: number; ics: Attachment }): Reply {
  const job = o.role === "interviewer"
    ? "You'll **interview**: I'll send you the problem's facts and rubric privately when the thread opens."
    : "You'll be the **candidate**: your partner interviews you.";
  const message = `Scheduled mock matched: you and **${o.partner}** at **${o.at}**. ${job} ` +
    `I'll remind you both ${o.reminderMinutes} minutes before and open the interview's thread then. ` +
    `Whiteboard for the day: ${o.whiteboard} . The calendar file is attached.`;
  return { visibility: "private", title: "Scheduled mock matched", blocks: [text(message)], fallback: `Matched with ${o.partner} at ${o.at}`, files: [o.ics] };
}

/** Posted in the mock's thread at the reminder: who, when, and the I'm here button. */
export function reminderReply(o: { matchId: string; names: [string, string]; at: string; minutes: number; noShowMinutes: number }): Reply {
  const message = `⏰ **${o.names[0]}** and **${o.names[1]}**: your scheduled mock starts at **${o.at}**, in ${o.minutes} minutes, here. ` +
    `Press **I'm here** (or write in this thread) when you arrive; whoever has not joined ${o.noShowMinutes} minutes after the start is recorded as a no-show.`;
  return {
    visibility: "channel", title: "Scheduled mock: starting soon",
    blocks: [text(message), { kind: "choices", options: [{ action: encodeAction({ type: "mock.here", matchId: o.matchId }), label: "I'm here", style: "primary" }] }],
    fallback: `Your scheduled mock starts in ${o.minutes} minutes`,
  };
}

/** The reminder's ping to each member, privately: the thread to go to. */
export function reminderDm(o: { partner: string; minutes: number; threadName: string; channelId: string; threadId: string }): Reply {
  const message = `Your scheduled mock with **${o.partner}** starts in ${o.minutes} minutes: its thread “${o.threadName}” is open.`;
  return privateReply("Scheduled mock in 10 minutes", [text(message), fields(channelField("Channel", o.channelId), ["Thread", o.threadName])], message.replace(/\*\*/g, ""));
}

export const hereReply = (name: string): Reply => ({ visibility: "channel", blocks: [text(`✅ **${name}** is here.`)], fallback: `${name} is here.` });

/** At the no-show check: who did not come; the one who did may start a solo mock. */
export function noShowReply(o: { absent: string[]; present?: { memberId: number; name: string; channelId: string }; minutes: number }): Reply {
  if (!o.present) {
    const message = `Neither of you joined within ${o.minutes} minutes of the start, so I've recorded both as no-shows and closed this mock. ` +
      `Book again with ${cmd("mock pair", { when: "tomorrow 19:00" })}.`;
    return { visibility: "channel", title: "Scheduled mock closed", blocks: [text(message)], fallback: message.replace(/\*\*/g, "") };
  }
  const message = `**${o.absent.join(" and ")}** didn't join within ${o.minutes} minutes of the start, so I've recorded a no-show and closed this peer mock. ` +
    `**${o.present.name}**, sorry about that: start a solo mock now, with me as the interviewer?`;
  const solo = encodeAction({ type: "mock.solo", channelId: o.present.channelId, memberId: o.present.memberId });
  return {
    visibility: "channel", title: "Partner didn't show",
    blocks: [text(message), { kind: "choices", options: [{ action: solo, label: "Start a solo mock", style: "primary" }] }],
    fallback: message.replace(/\*\*/g, ""),
  };
}

/** Nobody booked near this time: the booking lapsed; a solo mock instead. */
export function bookingLapsedReply(o: { memberId: number; name: string; at: string; channelId: string }): Reply {
  const message = `**${o.name}**, nobody booked a time near yours (${o.at}), so your booking has lapsed. Practise anyway: start a solo mock now?`;
  const solo = encodeAction({ type: "mock.solo", channelId: o.channelId, memberId: o.memberId });
  return {
    visibility: "channel", title: "No partner for your booking",
    blocks: [text(message), { kind: "choices", options: [{ action: solo, label: "Start a solo mock", style: "primary" }] }],
    fallback: message.replace(/\*\*/g, ""),
  };
}
