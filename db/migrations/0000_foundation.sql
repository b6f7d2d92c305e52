CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `unit_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` text NOT NULL,
	`at` text NOT NULL,
	`user_name` text NOT NULL,
	`device_name` text NOT NULL,
	`action` text NOT NULL,
	`changes` text NOT NULL,
	`reason` text,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `unit_changes_unit_idx` ON `unit_changes` (`unit_id`,`at`);--> statement-breakpoint
CREATE TABLE `units` (
	`id` text PRIMARY KEY NOT NULL,
	`area_code` text NOT NULL,
	`kind` text NOT NULL,
	`status` text DEFAULT 'not_started' NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`uscc` text DEFAULT '' NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`industry_code` text DEFAULT '' NOT NULL,
	`search_text` text DEFAULT '' NOT NULL,
	`data` text DEFAULT '{}' NOT NULL,
	`explanations` text DEFAULT '{}' NOT NULL,
	`not_found_reason` text,
	`source` text NOT NULL,
	`frame_row` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text
);
--> statement-breakpoint
CREATE INDEX `units_area_idx` ON `units` (`area_code`);--> statement-breakpoint
CREATE INDEX `units_status_idx` ON `units` (`status`);--> statement-breakpoint
CREATE INDEX `units_uscc_idx` ON `units` (`uscc`) WHERE "units"."uscc" <> '';--> statement-breakpoint
CREATE TABLE `enterprises` (
	`id` text PRIMARY KEY NOT NULL,
	`uscc` text NOT NULL,
	`name` text NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`division_code` text DEFAULT '' NOT NULL,
	`industry_code` text DEFAULT '' NOT NULL,
	`scale` text DEFAULT 'below' NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `enterprises_uscc_idx` ON `enterprises` (`uscc`);--> statement-breakpoint
CREATE INDEX `enterprises_division_idx` ON `enterprises` (`division_code`);