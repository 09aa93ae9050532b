CREATE TABLE `attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`space_id` text NOT NULL,
	`member_id` integer NOT NULL,
	`session_id` text NOT NULL,
	`question_id` text NOT NULL,
	`topic` text NOT NULL,
	`level` integer NOT NULL,
	`format` text NOT NULL,
	`answer` text NOT NULL,
	`score` real NOT NULL,
	`is_correct` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attempts_session` ON `attempts` (`session_id`);--> statement-breakpoint
CREATE INDEX `attempts_member_created` ON `attempts` (`member_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`space_id` text NOT NULL,
	`subscription_id` integer NOT NULL,
	`local_date` text NOT NULL,
	`status` text NOT NULL,
	`claimed_at` integer NOT NULL,
	`slot_at` integer NOT NULL,
	`message_ref` text,
	`error` text,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`subscription_id`) REFERENCES `subscriptions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_subscription_date` ON `deliveries` (`subscription_id`,`local_date`);--> statement-breakpoint
CREATE INDEX `deliveries_date` ON `deliveries` (`local_date`);--> statement-breakpoint
CREATE TABLE `group_members` (
	`space_id` text NOT NULL,
	`group_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	PRIMARY KEY(`group_id`, `member_id`),
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `group_members_member` ON `group_members` (`member_id`);--> statement-breakpoint
CREATE TABLE `groups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`space_id` text NOT NULL,
	`name` text NOT NULL,
	`plan_id` text,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`space_id`) REFERENCES `spaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `groups_space_name` ON `groups` (`space_id`,`name`);--> statement-breakpoint
CREATE TABLE `members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`space_id` text NOT NULL,
	`platform_user_id` text NOT NULL,
	`display_name` text NOT NULL,
	`timezone` text,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`space_id`) REFERENCES `spaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `members_space_user` ON `members` (`space_id`,`platform_user_id`);--> statement-breakpoint
CREATE TABLE `mock_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`space_id` text NOT NULL,
	`member_id` integer NOT NULL,
	`partner_id` integer,
	`problem_id` text NOT NULL,
	`framework` text NOT NULL,
	`channel_id` text NOT NULL,
	`thread_id` text,
	`phase` integer DEFAULT 0 NOT NULL,
	`minutes` integer NOT NULL,
	`transcript` text DEFAULT '[]' NOT NULL,
	`ratings` text DEFAULT '{}' NOT NULL,
	`phase_started_at` integer NOT NULL,
	`started_at` integer NOT NULL,
	`ended_at` integer,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `mock_sessions_member` ON `mock_sessions` (`member_id`,`ended_at`);--> statement-breakpoint
CREATE INDEX `mock_sessions_thread` ON `mock_sessions` (`space_id`,`thread_id`);--> statement-breakpoint
CREATE TABLE `point_totals` (
	`space_id` text NOT NULL,
	`board` text DEFAULT 'space' NOT NULL,
	`period` text NOT NULL,
	`member_id` integer NOT NULL,
	`points` integer NOT NULL,
	PRIMARY KEY(`space_id`, `board`, `period`, `member_id`),
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `point_totals_board` ON `point_totals` (`space_id`,`board`,`period`,`points`);--> statement-breakpoint
CREATE TABLE `points` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`space_id` text NOT NULL,
	`member_id` integer NOT NULL,
	`ref` text NOT NULL,
	`points` integer NOT NULL,
	`reason` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `points_space_ref` ON `points` (`space_id`,`ref`);--> statement-breakpoint
CREATE INDEX `points_space_created` ON `points` (`space_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `processed_events` (
	`space_id` text NOT NULL,
	`key` text NOT NULL,
	`reply` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	PRIMARY KEY(`space_id`, `key`)
);
--> statement-breakpoint
CREATE TABLE `quiz_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`space_id` text NOT NULL,
	`member_id` integer NOT NULL,
	`question_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`kind` text DEFAULT 'quiz' NOT NULL,
	`card_before` text,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`answered_at` integer,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `quiz_sessions_member` ON `quiz_sessions` (`member_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `reviews` (
	`space_id` text NOT NULL,
	`member_id` integer NOT NULL,
	`question_id` text NOT NULL,
	`card` text NOT NULL,
	`due` integer NOT NULL,
	`stability` real DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`member_id`, `question_id`),
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reviews_member_due` ON `reviews` (`member_id`,`due`);--> statement-breakpoint
CREATE TABLE `round_answers` (
	`space_id` text NOT NULL,
	`round_id` text NOT NULL,
	`member_id` integer NOT NULL,
	`choice` integer NOT NULL,
	`is_correct` integer NOT NULL,
	`answered_at` integer NOT NULL,
	PRIMARY KEY(`round_id`, `member_id`),
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `rounds` (
	`id` text PRIMARY KEY NOT NULL,
	`space_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`question_id` text NOT NULL,
	`started_by` integer NOT NULL,
	`closes_at` integer NOT NULL,
	`closed_at` integer,
	`message_ref` text,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `spaces` (
	`id` text PRIMARY KEY NOT NULL,
	`platform` text NOT NULL,
	`name` text,
	`timezone` text DEFAULT 'UTC' NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `streaks` (
	`member_id` integer PRIMARY KEY NOT NULL,
	`space_id` text NOT NULL,
	`current` integer DEFAULT 0 NOT NULL,
	`best` integer DEFAULT 0 NOT NULL,
	`freezes` integer DEFAULT 0 NOT NULL,
	`last_date` text,
	`reminders_on` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `subscriptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`space_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`time` text NOT NULL,
	`timezone` text NOT NULL,
	`days` text NOT NULL,
	`plan_id` text,
	`start_date` text NOT NULL,
	`is_paused` integer DEFAULT false NOT NULL,
	`paused_reason` text,
	`created_by` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`space_id`) REFERENCES `spaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subscriptions_space_channel` ON `subscriptions` (`space_id`,`channel_id`);