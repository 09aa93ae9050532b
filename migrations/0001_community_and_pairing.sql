CREATE TABLE `pair_queue` (
	`member_id` integer PRIMARY KEY NOT NULL,
	`space_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`level` integer NOT NULL,
	`queued_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `pair_queue_space` ON `pair_queue` (`space_id`,`queued_at`);--> statement-breakpoint
CREATE TABLE `peer_scores` (
	`space_id` text NOT NULL,
	`mock_id` text NOT NULL,
	`rater_id` integer NOT NULL,
	`ratee_id` integer NOT NULL,
	`ratings` text NOT NULL,
	`total` real NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	PRIMARY KEY(`mock_id`, `rater_id`),
	FOREIGN KEY (`mock_id`) REFERENCES `mock_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`rater_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ratee_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `peer_scores_ratee` ON `peer_scores` (`ratee_id`);--> statement-breakpoint
ALTER TABLE `groups` ADD `plan_start_date` text;--> statement-breakpoint
ALTER TABLE `processed_events` ADD `user_id` text;--> statement-breakpoint
ALTER TABLE `streaks` ADD `reminded_on` text;