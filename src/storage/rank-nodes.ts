/**
 * The rank_nodes count tree (schema.ts, kept by the triggers of migration 0008), read side.
 * Members above p = members in [p + 1, 2^31). That range splits into at most 31 aligned blocks,
 * found by climbing from p + 1: at each level whose bit is set, the block starting there is one
 * node, and the climb moves past it. Every such node sits at an odd heap position, which is why
 * only odd positions are stored. So a rank is at most 31 primary-key lookups whatever the
 * board's size: O(log max points), not O(members above).
 */
export const RANK_LEVELS = 31;
const LEAF = 2 ** RANK_LEVELS;

/** Heap positions of the nodes that together hold every value above `points` (0 ≤ points < 2^31). */
export function nodesAbove(points: number): number[] {
  const nodes: number[] = [];
  let x = points + 1;
  // Plain arithmetic, not bit operators: JS bit operators are 32-bit signed.
  for (let level = 0, width = 1; level < RANK_LEVELS && x < LEAF; level++, width *= 2) {
    if (Math.floor(x / width) % 2 === 1) {
      nodes.push(Math.floor((LEAF + x) / width));
      x += width;
    }
  }
  return nodes;
}
