CREATE TABLE `form_pack_notices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`ref` text NOT NULL,
	`previous_ref` text NOT NULL,
	`hash` text NOT NULL,
	`changes` text NOT NULL,
	`code` text,
	`message` text,
	`app_pack_schema` integer NOT NULL,
	`created_at` text NOT NULL,
	`dismissed_at` text
);
--> statement-breakpoint
CREATE INDEX `form_pack_notices_ref_idx` ON `form_pack_notices` (`ref`);