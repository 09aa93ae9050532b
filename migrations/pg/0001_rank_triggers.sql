-- Hand-written (drizzle-kit does not model triggers): the rank_nodes count tree of the SQLite
-- migration 0008, kept by a trigger on point_totals. Levels 0..30: totals stay under 2^31.
INSERT INTO "rank_levels" ("level") SELECT generate_series(0, 30);
--> statement-breakpoint
-- Moves one member from the nodes of old_points to those of new_points (NULL: none) on one board
-- and period. The level-l node of value v is (2^31 + v) >> l; a member is in it when bit l of v is
-- set. One upsert, netted per node and applied in node order: nodes both values share are not
-- touched, and two transactions on the same board lock the shared (hot, high-level) nodes in the
-- same order, so they queue instead of deadlocking.
CREATE FUNCTION "rank_nodes_move"(s text, b text, p text, old_points integer, new_points integer) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO "rank_nodes" ("space_id", "board", "period", "node", "members")
  SELECT s, b, p, d.node, sum(d.delta)::integer FROM (
    SELECT (2147483648 + new_points) >> l."level" AS node, 1 AS delta FROM "rank_levels" l
    WHERE new_points IS NOT NULL AND ((new_points >> l."level") & 1) = 1
    UNION ALL
    SELECT (2147483648 + old_points) >> l."level", -1 FROM "rank_levels" l
    WHERE old_points IS NOT NULL AND ((old_points >> l."level") & 1) = 1
  ) d
  GROUP BY d.node HAVING sum(d.delta) <> 0 ORDER BY d.node
  ON CONFLICT ("space_id", "board", "period", "node") DO UPDATE SET "members" = "rank_nodes"."members" + excluded."members"
$$;
--> statement-breakpoint
CREATE FUNCTION "point_totals_rank"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "rank_nodes_move"(NEW."space_id", NEW."board", NEW."period", NULL, NEW."points");
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "rank_nodes_move"(OLD."space_id", OLD."board", OLD."period", OLD."points", NULL);
  ELSIF (OLD."space_id", OLD."board", OLD."period") = (NEW."space_id", NEW."board", NEW."period") THEN
    PERFORM "rank_nodes_move"(NEW."space_id", NEW."board", NEW."period", OLD."points", NEW."points");
  ELSE
    PERFORM "rank_nodes_move"(OLD."space_id", OLD."board", OLD."period", OLD."points", NULL);
    PERFORM "rank_nodes_move"(NEW."space_id", NEW."board", NEW."period", NULL, NEW."points");
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "point_totals_rank" AFTER INSERT OR UPDATE OR DELETE ON "point_totals"
FOR EACH ROW EXECUTE FUNCTION "point_totals_rank"();
