CREATE TABLE `liaison_assignments` (
	`id` text PRIMARY KEY NOT NULL,
	`enterprise_id` text NOT NULL,
	`official` text NOT NULL,
	`department` text DEFAULT '' NOT NULL,
	`since` text NOT NULL,
	`by` text NOT NULL,
	`by_user_id` text,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `liaison_assignments_enterprise_idx` ON `liaison_assignments` (`enterprise_id`,`since`);--> statement-breakpoint
CREATE TABLE `liaison_visits` (
	`id` text PRIMARY KEY NOT NULL,
	`enterprise_id` text NOT NULL,
	`date` text NOT NULL,
	`form` text NOT NULL,
	`discussed` text NOT NULL,
	`next_step` text DEFAULT '' NOT NULL,
	`next_due` text,
	`by` text NOT NULL,
	`by_user_id` text,
	`at` text NOT NULL,
	`previous` text DEFAULT '[]' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `liaison_visits_enterprise_idx` ON `liaison_visits` (`enterprise_id`,`date`);--> statement-breakpoint
CREATE INDEX `liaison_visits_date_idx` ON `liaison_visits` (`date`);--> statement-breakpoint
CREATE TABLE `training_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`area_code` text NOT NULL,
	`date` text NOT NULL,
	`topic` text NOT NULL,
	`audience` text NOT NULL,
	`trainer` text NOT NULL,
	`attendee_count` integer NOT NULL,
	`attendees` text DEFAULT '[]' NOT NULL,
	`hours` real NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`cancelled` text,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `training_sessions_date_idx` ON `training_sessions` (`date`);