CREATE TABLE `verification_tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`enterprise_id` text NOT NULL,
	`uscc` text NOT NULL,
	`name` text NOT NULL,
	`division_code` text NOT NULL,
	`batch_id` text NOT NULL,
	`batch_title` text NOT NULL,
	`period_year` integer NOT NULL,
	`period_month` integer NOT NULL,
	`state` text NOT NULL,
	`exit_state` text,
	`assignee` text,
	`conclusion` text,
	`fields` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `verification_tasks_division_idx` ON `verification_tasks` (`division_code`);--> statement-breakpoint
CREATE INDEX `verification_tasks_enterprise_idx` ON `verification_tasks` (`enterprise_id`,`kind`);--> statement-breakpoint
CREATE INDEX `verification_tasks_assignee_idx` ON `verification_tasks` (`assignee`);