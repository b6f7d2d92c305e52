CREATE TABLE `form_packs` (
	`ref` text PRIMARY KEY NOT NULL,
	`pack_id` text NOT NULL,
	`version` text NOT NULL,
	`hash` text NOT NULL,
	`body` text NOT NULL,
	`published_by` text NOT NULL,
	`published_at` text NOT NULL,
	`current_since` text NOT NULL,
	`current_seq` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `form_packs_current_idx` ON `form_packs` (`current_seq`);