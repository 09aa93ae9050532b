CREATE TABLE `bank_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`space_id` text NOT NULL,
	`position` integer NOT NULL,
	`kind` text NOT NULL,
	`local_id` text NOT NULL,
	`line` integer NOT NULL,
	`item` text NOT NULL,
	`raw` text NOT NULL,
	FOREIGN KEY (`space_id`) REFERENCES `spaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bank_items_space_kind_id` ON `bank_items` (`space_id`,`kind`,`local_id`);--> statement-breakpoint
CREATE INDEX `bank_items_space_position` ON `bank_items` (`space_id`,`position`);--> statement-breakpoint
CREATE TABLE `space_banks` (
	`space_id` text PRIMARY KEY NOT NULL,
	`format` text,
	`file_name` text,
	`imported_at` integer,
	`disabled_topics` text DEFAULT '[]' NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`space_id`) REFERENCES `spaces`(`id`) ON UPDATE no action ON DELETE no action
);
