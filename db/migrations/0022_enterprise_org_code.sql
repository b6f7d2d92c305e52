DROP INDEX `enterprises_uscc_live_idx`;--> statement-breakpoint
ALTER TABLE `enterprises` ADD `org_code` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `enterprises_org_code_idx` ON `enterprises` (`org_code`) WHERE "enterprises"."org_code" <> '';--> statement-breakpoint
CREATE UNIQUE INDEX `enterprises_uscc_live_idx` ON `enterprises` (`uscc`) WHERE "enterprises"."deleted_at" IS NULL AND "enterprises"."uscc" <> '';