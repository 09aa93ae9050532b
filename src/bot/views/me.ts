/** Replies of the `me` command and its erase buttons. */
import { cmd } from "../command-ref.js";
import { encodeAction } from "../action-ids.js";
import type { Member } from "../ports.js";
import { fields, privateReply, text, type Reply } from "../reply.js";
import { localParts, localTimeText } from "../time.js";

/** Tables as people would name them; the JSON keeps the table names. */
const LABELS: Readonly<Record<string, string>> = {
  members: "profile", attempts: "answers", quiz_sessions: "questions asked", reviews: "review cards", points: "points entries",
  point_totals: "board totals", processed_events: "replies to you", mock_sessions: "mock interviews", group_members: "group memberships",
  subscriptions: "channel schedules you set", model_memory: "model calls and cached grades (memory)", pair_queue: "pairing queue", peer_scores: "peer scores", round_answers: "round answers",
};
const label = (table: string) => LABELS[table] ?? table.replace(/_/g, " ");
const summary = (counts: Record<string, number>) => Object.entries(counts).map(([t, n]) => `${label(t)} ${n}`).join(" · ");

export function exportReply(member: Member, tables: Record<string, unknown[]>, at: Date): Reply {
  const counts = Object.fromEntries(Object.entries(tables).map(([t, rows]) => [t, rows.length]));
  const json = JSON.stringify({ exportedAt: at.toISOString(), member: { id: member.id, space: member.spaceId, user: member.platformUserId }, tables }, null, 2);
  const reply = privateReply("Your data", [
    text(`Everything I store about you in this space, as JSON (rows per table): ${summary(counts) || "nothing yet"}.`),
    text("_Replies I sent you are included without their attached files (charts, earlier exports)._"),
  ]);
  return { ...reply, files: [{ name: `prepcoach-${member.id}.json`, contentType: "application/json", data: Buffer.from(json).toString("base64"), description: "Your prepcoach data" }] };
}

/** `minutes`: how long the Erase button works. */
export function confirmDeleteReply(member: Member, tables: Record<string, unknown[]>, at: Date, minutes: number): Reply {
  const counts = Object.fromEntries(Object.entries(tables).map(([t, rows]) => [t, rows.length]));
  const ask = (confirm: boolean) => encodeAction({ type: "me.delete", memberId: member.id, issuedAt: at.getTime(), confirm });
  return privateReply("Erase your data?", [
    text(`This erases everything I store about you in this space (${summary(counts)}): answers, reviews, points, streak, groups, mock interviews. It cannot be undone.`),
    text("_Shared things stay without your name: a group you created passes to another member (or goes if you are its only member), a channel schedule you set keeps running, a round you started keeps its other answers._"),
    { kind: "choices", options: [
      { action: ask(true), label: "Erase my data", style: "primary" },
      { action: ask(false), label: "Cancel", style: "secondary" },
    ] },
    text(`_The button works for ${minutes} minutes. Want a copy first? ${cmd("me export")}._`),
  ], "Erase your prepcoach data? Confirm with the button.");
}

/** `me export` / `me delete` from someone with no profile here (never had one, or erased it). */
export const nothingStoredReply = (): Reply =>
  privateReply("Nothing stored", [text("I store nothing about you in this space, so there is nothing to export or erase.")]);

export function erasedReply(counts: Record<string, number>): Reply {
  const pairs = Object.entries(counts).map(([t, n]): [string, string] => [label(t), String(n)]);
  return privateReply("Your data is erased", [
    text("I erased everything I stored about you in this space (rows per table below; shared rows were unlinked from you). Boards no longer list you."),
    ...(pairs.length ? [fields(...pairs)] : []),
    text("_If you use me again here, you start fresh._"),
  ], `Your data is erased: ${summary(counts)}`);
}

export function timezoneReply(title: string, zone: string, isOwn: boolean, now: Date): Reply {
  const p = localParts(now, zone);
  const whose = isOwn ? "your own zone" : "this space's zone (you have none of your own)";
  return privateReply(title, [
    fields(["Time zone", `${zone} — ${whose}`], ["Local time now", localTimeText(now, zone)]),
    text(isOwn
      ? `_Your streak days and reminders follow it. ${cmd("me timezone", { tz: "clear" })} goes back to the space's zone._`
      : `_Set your own with ${cmd("me timezone", { tz: "<IANA zone>" })}, e.g. ${cmd("me timezone", { tz: "Asia/Kolkata" })}._`),
  ], `${title}: ${zone}, ${p.time} there now`);
}
