/**
 * The small interfaces the core needs from the outside world, one file per aggregate in
 * `ports/`. Storage and jobs implement them; `src/main.ts` wires them; tests use the in-memory
 * twins in `tests/fakes/`.
 */
export * from "./ports/activities.js";
export * from "./ports/bookings.js";
export * from "./ports/banks.js";
export * from "./ports/charts.js";
export * from "./ports/deliveries.js";
export * from "./ports/events.js";
export * from "./ports/groups.js";
export * from "./ports/member-plans.js";
export * from "./ports/members.js";
export * from "./ports/mocks.js";
export * from "./ports/model.js";
export * from "./ports/outbox.js";
export * from "./ports/pairs.js";
export * from "./ports/points.js";
export * from "./ports/quizzes.js";
export * from "./ports/reports.js";
export * from "./ports/reviews.js";
export * from "./ports/roles.js";
export * from "./ports/rounds.js";
export * from "./ports/runtime.js";
export * from "./ports/streaks.js";
export * from "./ports/subscriptions.js";
