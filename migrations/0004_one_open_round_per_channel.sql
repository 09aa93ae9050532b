-- Hand-edited after drizzle-kit generate: a database from before this index could hold two open
-- rounds in one channel (two starts at the same moment); all but the latest are closed first.
UPDATE `rounds` SET `closed_at` = `closes_at` WHERE `closed_at` IS NULL AND EXISTS (
  SELECT 1 FROM `rounds` AS `later` WHERE `later`.`space_id` = `rounds`.`space_id` AND `later`.`channel_id` = `rounds`.`channel_id`
    AND `later`.`closed_at` IS NULL AND (`later`.`created_at`, `later`.`id`) > (`rounds`.`created_at`, `rounds`.`id`)
);--> statement-breakpoint
CREATE UNIQUE INDEX `rounds_open_in_channel` ON `rounds` (`space_id`,`channel_id`) WHERE "rounds"."closed_at" is null;
