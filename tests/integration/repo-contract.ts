/**
 * One contract for the repositories, run against every store: SQLite and the in-memory twin
 * (sqlite.test.ts), and any other engine that builds `Repos`. Each aggregate's cases live in
 * their own file. The cases assume no id values (ids come from the store) and no order the port
 * does not document: where a port's order could tie, the port names its tiebreak.
 */
import { afterEach, beforeEach, describe } from "vitest";
import type { Repos } from "../../src/storage/index.js";
import { activityContractCases } from "./activity-contract.js";
import { bookingContractCases } from "./booking-contract.js";
import { deliveryContractCases } from "./deliveries-contract.js";
import { eventContractCases } from "./events-contract.js";
import { groupContractCases } from "./group-contract.js";
import { memberDataContractCases } from "./member-data-contract.js";
import { memberPlanContractCases } from "./member-plan-contract.js";
import { mockContractCases } from "./mocks-contract.js";
import { pairContractCases } from "./pair-contract.js";
import { pointsContractCases } from "./points-contract.js";
import { quizContractCases } from "./quizzes-contract.js";
import { reportContractCases } from "./report-contract.js";
import { reviewContractCases } from "./reviews-contract.js";
import { roundContractCases } from "./rounds-contract.js";
import { spaceContractCases } from "./spaces-contract.js";
import { streakContractCases } from "./streak-contract.js";
import { subscriptionContractCases } from "./subscriptions-contract.js";
import { roleContractCases } from "./role-contract.js";
import { bankContractCases } from "./bank-contract.js";

/** A fresh, empty store per case; `close` (if any) runs after the case (a connection, a database to drop). */
export type MadeRepos = Repos | { repos: Repos; close?: () => Promise<void> | void };
export type RepoFactory = () => MadeRepos | Promise<MadeRepos>;
export interface RepoContractOptions {
  /** Runs after each case, after `close` (e.g. drop the schema a factory created). */
  teardown?: () => Promise<void> | void;
}

/**
 * Registers the contract for one store.
 * @example repoContract("postgres", async () => { const db = await freshDatabase(); return { repos: createPgRepos(db), close: () => db.end() }; });
 */
export function repoContract(name: string, make: RepoFactory, opts: RepoContractOptions = {}) {
  describe(`repository contract: ${name}`, () => {
    let repos: Repos | undefined;
    let close: (() => Promise<void> | void) | undefined;
    beforeEach(async () => {
      const made = await make();
      // `Repos` has no `repos` key, so this tells the two shapes apart.
      ({ repos, close } = "repos" in made ? made : { repos: made, close: undefined });
    });
    afterEach(async () => {
      const closing = close;
      repos = undefined;
      close = undefined;
      await closing?.();
      await opts.teardown?.();
    });
    const current = () => {
      if (!repos) throw new Error("the store is used outside a case (repos are made per case)");
      return repos;
    };

    const at = new Date("2026-11-23T10:00:00Z");
    spaceContractCases(current);
    quizContractCases(current, at);
    reviewContractCases(current, at);
    activityContractCases(current, at);
    pointsContractCases(current, at);
    subscriptionContractCases(current, at);
    eventContractCases(current);
    deliveryContractCases(current, at);
    mockContractCases(current, at);
    pairContractCases(current, at);
    roundContractCases(current, at);
    groupContractCases(current, at);
    streakContractCases(current, at);
    memberPlanContractCases(current);
    reportContractCases(current, at);
    bookingContractCases(current, at);
    memberDataContractCases(current, at);
    roleContractCases(current, at);
    bankContractCases(current, at);
  });
}
