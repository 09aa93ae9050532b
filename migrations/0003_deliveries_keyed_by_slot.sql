-- Hand-edited after drizzle-kit generate: WITHOUT ROWID (drizzle cannot declare it; see schema.ts).
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_deliveries` (
	`subscription_id` integer NOT NULL,
	`local_date` text NOT NULL,
	`space_id` text NOT NULL,
	`status` text NOT NULL,
	`claimed_at` integer NOT NULL,
	`slot_at` integer NOT NULL,
	`message_ref` text,
	`error` text,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	PRIMARY KEY(`subscription_id`, `local_date`),
	FOREIGN KEY (`subscription_id`) REFERENCES `subscriptions`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_deliveries`("subscription_id", "local_date", "space_id", "status", "claimed_at", "slot_at", "message_ref", "error", "created_at") SELECT "subscription_id", "local_date", "space_id", "status", "claimed_at", "slot_at", "message_ref", "error", "created_at" FROM `deliveries`;--> statement-breakpoint
DROP TABLE `deliveries`;--> statement-breakpoint
ALTER TABLE `__new_deliveries` RENAME TO `deliveries`;--> statement-breakpoint
PRAGMA foreign_keys=ON;