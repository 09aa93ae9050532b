CREATE TABLE `mock_bookings` (
	`id` text PRIMARY KEY NOT NULL,
	`space_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`member_id` integer NOT NULL,
	`level` integer NOT NULL,
	`starts_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`match_id` text,
	`partner_id` integer,
	`role` text,
	`match_at` integer,
	`whiteboard` text,
	`mock_id` text,
	`reminded_at` integer,
	`joined_at` integer,
	`no_show_at` integer,
	`checked_at` integer,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `mock_bookings_open` ON `mock_bookings` (`space_id`,`status`,`starts_at`);--> statement-breakpoint
CREATE INDEX `mock_bookings_member` ON `mock_bookings` (`member_id`,`status`);--> statement-breakpoint
CREATE INDEX `mock_bookings_match` ON `mock_bookings` (`match_id`);