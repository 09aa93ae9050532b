CREATE TABLE `item_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`space_id` text NOT NULL,
	`member_id` integer NOT NULL,
	`item_id` text NOT NULL,
	`kind` text NOT NULL,
	`note` text,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `item_reports_member_item_kind` ON `item_reports` (`space_id`,`member_id`,`item_id`,`kind`);--> statement-breakpoint
CREATE INDEX `item_reports_space_created` ON `item_reports` (`space_id`,`created_at`);