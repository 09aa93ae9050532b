CREATE TABLE `grade_disputes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`space_id` text NOT NULL,
	`member_id` integer NOT NULL,
	`session_id` text NOT NULL,
	`question_id` text NOT NULL,
	`key_point` integer NOT NULL,
	`point` text NOT NULL,
	`answer` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `grade_disputes_session_point` ON `grade_disputes` (`session_id`,`key_point`);--> statement-breakpoint
CREATE INDEX `grade_disputes_question` ON `grade_disputes` (`question_id`,`key_point`);