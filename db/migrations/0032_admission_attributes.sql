ALTER TABLE `enterprises` ADD `unit_kind` text DEFAULT 'legal' NOT NULL;--> statement-breakpoint
ALTER TABLE `enterprises` ADD `parent_uscc` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `enterprises` ADD `qualification_kind` text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE `enterprises` ADD `is_locally_registered` integer;--> statement-breakpoint
ALTER TABLE `enterprises` ADD `has_development_activity` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `enterprises` ADD `founded_on` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `enterprises` ADD `is_new_build` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `enterprises` ADD `project_investment` integer;--> statement-breakpoint
ALTER TABLE `enterprises` ADD `is_project_under_construction` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `enterprises_parent_idx` ON `enterprises` (`parent_uscc`) WHERE "enterprises"."parent_uscc" <> '';--> statement-breakpoint
ALTER TABLE `enterprise_flags` ADD `is_reached` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `enterprise_flags` ADD `reached_rule` text;--> statement-breakpoint
ALTER TABLE `enterprise_flags` ADD `measure` text;--> statement-breakpoint
ALTER TABLE `enterprise_flags` ADD `is_measure_missing` integer DEFAULT false NOT NULL;