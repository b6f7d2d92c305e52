CREATE TABLE `form_packs` (
	`ref` text PRIMARY KEY NOT NULL,
	`pack_id` text NOT NULL,
	`version` text NOT NULL,
	`hash` text NOT NULL,
	`body` text NOT NULL,
	`received_at` text NOT NULL,
	`activated_at` text
);
--> statement-breakpoint
CREATE INDEX `form_packs_activated_idx` ON `form_packs` (`activated_at`);--> statement-breakpoint
ALTER TABLE `units` ADD `form_pack` text;