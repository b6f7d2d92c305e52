CREATE TABLE `divisions` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`level` integer NOT NULL,
	`parent_code` text,
	`initials` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `divisions_parent_idx` ON `divisions` (`parent_code`);