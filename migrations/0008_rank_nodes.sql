CREATE TABLE `rank_levels` (
	`level` integer PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE `rank_nodes` (
	`space_id` text NOT NULL,
	`board` text NOT NULL,
	`period` text NOT NULL,
	`node` integer NOT NULL,
	`members` integer NOT NULL,
	PRIMARY KEY(`space_id`, `board`, `period`, `node`)
);

--> statement-breakpoint
-- Hand-written below (drizzle-kit does not model triggers). Levels 0..30: totals stay under 2^31.
WITH RECURSIVE l(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM l WHERE n < 30) INSERT INTO `rank_levels` (`level`) SELECT n FROM l;
--> statement-breakpoint
-- The level-l node of value v is (2^31 + v) >> l; a member is stored in it when bit l of v is set.
INSERT INTO `rank_nodes` (`space_id`, `board`, `period`, `node`, `members`)
SELECT t.`space_id`, t.`board`, t.`period`, (2147483648 + t.`points`) >> l.`level`, count(*)
FROM `point_totals` t, `rank_levels` l
WHERE (t.`points` >> l.`level`) & 1
GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
CREATE TRIGGER `point_totals_rank_insert` AFTER INSERT ON `point_totals` BEGIN
  INSERT INTO `rank_nodes` (`space_id`, `board`, `period`, `node`, `members`)
  SELECT new.`space_id`, new.`board`, new.`period`, (2147483648 + new.`points`) >> l.`level`, 1
  FROM `rank_levels` l WHERE (new.`points` >> l.`level`) & 1
  ON CONFLICT DO UPDATE SET `members` = `members` + 1;
END;
--> statement-breakpoint
-- Only the levels where the old and new values fall in different nodes change.
CREATE TRIGGER `point_totals_rank_update` AFTER UPDATE ON `point_totals` BEGIN
  UPDATE `rank_nodes` SET `members` = `members` - 1
  WHERE `space_id` = old.`space_id` AND `board` = old.`board` AND `period` = old.`period` AND `node` IN (
    SELECT (2147483648 + old.`points`) >> l.`level` FROM `rank_levels` l
    WHERE (old.`points` >> l.`level`) & 1 AND ((old.`points` >> l.`level`) != (new.`points` >> l.`level`)
      OR old.`space_id` != new.`space_id` OR old.`board` != new.`board` OR old.`period` != new.`period`));
  INSERT INTO `rank_nodes` (`space_id`, `board`, `period`, `node`, `members`)
  SELECT new.`space_id`, new.`board`, new.`period`, (2147483648 + new.`points`) >> l.`level`, 1
  FROM `rank_levels` l
  WHERE (new.`points` >> l.`level`) & 1 AND ((old.`points` >> l.`level`) != (new.`points` >> l.`level`)
    OR old.`space_id` != new.`space_id` OR old.`board` != new.`board` OR old.`period` != new.`period`)
  ON CONFLICT DO UPDATE SET `members` = `members` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `point_totals_rank_delete` AFTER DELETE ON `point_totals` BEGIN
  UPDATE `rank_nodes` SET `members` = `members` - 1
  WHERE `space_id` = old.`space_id` AND `board` = old.`board` AND `period` = old.`period` AND `node` IN (
    SELECT (2147483648 + old.`points`) >> l.`level` FROM `rank_levels` l WHERE (old.`points` >> l.`level`) & 1);
END;
