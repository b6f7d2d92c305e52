CREATE TABLE `enterprise_flags` (
	`enterprise_id` text PRIMARY KEY NOT NULL,
	`is_near_threshold` integer DEFAULT false NOT NULL,
	`is_growth` integer DEFAULT false NOT NULL,
	`is_below_threshold` integer DEFAULT false NOT NULL,
	`as_of` text,
	`ytd_revenue` integer,
	`ytd_months` integer DEFAULT 0 NOT NULL,
	`last_ytd_revenue` integer,
	`last_ytd_months` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`enterprise_id`) REFERENCES `enterprises`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
DROP INDEX `enterprises_industry_idx`;--> statement-breakpoint
DROP INDEX `enterprises_liaison_idx`;--> statement-breakpoint
DROP INDEX `enterprises_stage_idx`;--> statement-breakpoint
DROP INDEX `enterprises_flags_idx`;--> statement-breakpoint
ALTER TABLE `enterprises` DROP COLUMN `is_near_threshold`;--> statement-breakpoint
ALTER TABLE `enterprises` DROP COLUMN `is_growth`;--> statement-breakpoint
ALTER TABLE `enterprises` DROP COLUMN `is_below_threshold`;--> statement-breakpoint
ALTER TABLE `enterprises` DROP COLUMN `flags_as_of`;--> statement-breakpoint
ALTER TABLE `enterprises` DROP COLUMN `ytd_revenue`;--> statement-breakpoint
ALTER TABLE `enterprises` DROP COLUMN `last_ytd_revenue`;