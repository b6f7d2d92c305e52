ALTER TABLE `units` ADD `findings_mandatory` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `units` ADD `findings_verify` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `units` ADD `findings_hint` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `units_list_idx` ON `units` (`area_code`,`name`,`id`,`kind`,`status`,`uscc`,`address`,`industry_code`,`search_text`,`updated_at`,`findings_mandatory`,`findings_verify`,`findings_hint`,`deleted_at`) WHERE "units"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX `units_area_status_idx` ON `units` (`area_code`,`status`) WHERE "units"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX `units_uscc_area_idx` ON `units` (`uscc`,`area_code`,`id`) WHERE "units"."deleted_at" IS NULL AND "units"."uscc" <> '';