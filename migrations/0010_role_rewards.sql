CREATE TABLE `role_grants` (
	`member_id` integer NOT NULL,
	`role_id` text NOT NULL,
	`space_id` text NOT NULL,
	`granted_at` integer NOT NULL,
	PRIMARY KEY(`member_id`, `role_id`),
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `role_rewards` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`space_id` text NOT NULL,
	`role_id` text NOT NULL,
	`kind` text NOT NULL,
	`threshold` integer NOT NULL,
	`remove_on_break` integer DEFAULT false NOT NULL,
	`created_by` text NOT NULL,
	`problem` text,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`space_id`) REFERENCES `spaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `role_rewards_space_role` ON `role_rewards` (`space_id`,`role_id`);--> statement-breakpoint
CREATE TABLE `role_settings` (
	`space_id` text PRIMARY KEY NOT NULL,
	`ping_role_id` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`space_id`) REFERENCES `spaces`(`id`) ON UPDATE no action ON DELETE no action
);
