CREATE TABLE `member_plans` (
	`member_id` integer PRIMARY KEY NOT NULL,
	`space_id` text NOT NULL,
	`plan_id` text NOT NULL,
	`start_date` text NOT NULL,
	`skipped` integer DEFAULT 0 NOT NULL,
	`paused_on` text,
	`paused_days` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
