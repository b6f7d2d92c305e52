CREATE TABLE `attachment_blobs` (
	`sha256` text PRIMARY KEY NOT NULL,
	`mime_type` text NOT NULL,
	`size` integer NOT NULL,
	`bytes` blob NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `enterprise_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`enterprise_id` text NOT NULL,
	`at` text NOT NULL,
	`user_name` text NOT NULL,
	`device_name` text NOT NULL,
	`action` text NOT NULL,
	`changes` text NOT NULL,
	`reason` text,
	FOREIGN KEY (`enterprise_id`) REFERENCES `enterprises`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `enterprise_changes_enterprise_idx` ON `enterprise_changes` (`enterprise_id`,`at`);--> statement-breakpoint
CREATE TABLE `evidence` (
	`id` text PRIMARY KEY NOT NULL,
	`enterprise_id` text NOT NULL,
	`sha256` text NOT NULL,
	`file_name` text NOT NULL,
	`mime_type` text NOT NULL,
	`size` integer NOT NULL,
	`kind` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`figures` text DEFAULT '[]' NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`removed_at` text,
	`removed_reason` text,
	FOREIGN KEY (`enterprise_id`) REFERENCES `enterprises`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `evidence_enterprise_idx` ON `evidence` (`enterprise_id`);--> statement-breakpoint
CREATE INDEX `evidence_sha_idx` ON `evidence` (`sha256`);--> statement-breakpoint
CREATE TABLE `ledger_annual` (
	`enterprise_id` text NOT NULL,
	`year` integer NOT NULL,
	`industrial_output` integer,
	`industrial_sales` integer,
	`export_delivery` integer,
	`electricity` integer,
	`revenue` integer,
	`operating_cost` integer,
	`taxes_and_surcharges` integer,
	`total_profit` integer,
	`vat_payable` integer,
	`payroll` integer,
	`total_assets` integer,
	`total_liabilities` integer,
	`employees` integer,
	`energy_purchased` integer,
	`energy_consumed` integer,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`enterprise_id`, `year`),
	FOREIGN KEY (`enterprise_id`) REFERENCES `enterprises`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `ledger_months` (
	`enterprise_id` text NOT NULL,
	`year` integer NOT NULL,
	`month` integer NOT NULL,
	`industrial_output` integer,
	`industrial_sales` integer,
	`export_delivery` integer,
	`electricity` integer,
	`revenue` integer,
	`operating_cost` integer,
	`taxes_and_surcharges` integer,
	`total_profit` integer,
	`vat_payable` integer,
	`payroll` integer,
	`total_assets` integer,
	`total_liabilities` integer,
	`employees` integer,
	`energy_purchased` integer,
	`energy_consumed` integer,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`enterprise_id`, `year`, `month`),
	FOREIGN KEY (`enterprise_id`) REFERENCES `enterprises`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ledger_months_year_idx` ON `ledger_months` (`year`,`month`);--> statement-breakpoint
CREATE TABLE `draw_items` (
	`draw_id` text NOT NULL,
	`enterprise_id` text NOT NULL,
	`position` integer NOT NULL,
	`uscc` text NOT NULL,
	`name` text NOT NULL,
	`division_code` text NOT NULL,
	`inspectors` text NOT NULL,
	`result` text DEFAULT 'pending' NOT NULL,
	`findings` text DEFAULT '' NOT NULL,
	`is_closed` integer DEFAULT false NOT NULL,
	`closed_at` text,
	`closing_note` text DEFAULT '' NOT NULL,
	`updated_at` text,
	PRIMARY KEY(`draw_id`, `enterprise_id`),
	FOREIGN KEY (`draw_id`) REFERENCES `draws`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`enterprise_id`) REFERENCES `enterprises`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `draws` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`seed` text NOT NULL,
	`algorithm` text NOT NULL,
	`filter` text NOT NULL,
	`pool_size` integer NOT NULL,
	`pool_hash` text NOT NULL,
	`inspectors` text NOT NULL,
	`inspectors_per_enterprise` integer NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `follow_up_materials` (
	`enterprise_id` text NOT NULL,
	`key` text NOT NULL,
	`is_provided` integer NOT NULL,
	`evidence_ids` text DEFAULT '[]' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`enterprise_id`, `key`),
	FOREIGN KEY (`enterprise_id`) REFERENCES `enterprises`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `follow_up_notes` (
	`id` text PRIMARY KEY NOT NULL,
	`enterprise_id` text NOT NULL,
	`date` text NOT NULL,
	`method` text NOT NULL,
	`contact` text DEFAULT '' NOT NULL,
	`text` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`enterprise_id`) REFERENCES `enterprises`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `follow_up_notes_enterprise_idx` ON `follow_up_notes` (`enterprise_id`,`date`);--> statement-breakpoint
CREATE TABLE `follow_up_transitions` (
	`id` text PRIMARY KEY NOT NULL,
	`enterprise_id` text NOT NULL,
	`from_stage` text,
	`to_stage` text NOT NULL,
	`date` text NOT NULL,
	`at` text NOT NULL,
	`by` text NOT NULL,
	`reason` text,
	FOREIGN KEY (`enterprise_id`) REFERENCES `enterprises`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `follow_up_transitions_enterprise_idx` ON `follow_up_transitions` (`enterprise_id`,`at`);--> statement-breakpoint
CREATE TABLE `follow_ups` (
	`enterprise_id` text PRIMARY KEY NOT NULL,
	`stage` text NOT NULL,
	`rejection_reason` text,
	`application_round` text,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`enterprise_id`) REFERENCES `enterprises`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `enterprises` ADD `registration_category` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `enterprises` ADD `institution_type` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `enterprises` ADD `is_online_reporter` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `enterprises` ADD `liaison` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `enterprises` ADD `legal_representative` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `enterprises` ADD `phone` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `enterprises` ADD `has_qualification` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `enterprises` ADD `status_note` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `enterprises` ADD `search_text` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `enterprises` ADD `stage` text;--> statement-breakpoint
ALTER TABLE `enterprises` ADD `is_near_threshold` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `enterprises` ADD `is_growth` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `enterprises` ADD `is_below_threshold` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `enterprises` ADD `flags_as_of` text;--> statement-breakpoint
ALTER TABLE `enterprises` ADD `ytd_revenue` integer;--> statement-breakpoint
ALTER TABLE `enterprises` ADD `last_ytd_revenue` integer;--> statement-breakpoint
ALTER TABLE `enterprises` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `enterprises` ADD `deleted_at` text;--> statement-breakpoint
CREATE UNIQUE INDEX `enterprises_uscc_live_idx` ON `enterprises` (`uscc`) WHERE "enterprises"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX `enterprises_name_idx` ON `enterprises` (`name`,`id`);--> statement-breakpoint
CREATE INDEX `enterprises_industry_idx` ON `enterprises` (`industry_code`);--> statement-breakpoint
CREATE INDEX `enterprises_liaison_idx` ON `enterprises` (`liaison`);--> statement-breakpoint
CREATE INDEX `enterprises_stage_idx` ON `enterprises` (`stage`) WHERE "enterprises"."stage" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `enterprises_flags_idx` ON `enterprises` (`is_near_threshold`,`is_growth`);