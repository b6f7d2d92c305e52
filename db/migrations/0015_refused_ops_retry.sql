CREATE TABLE `sync_held` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`field` text NOT NULL,
	`value` text NOT NULL,
	`area_code` text NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sync_held_entity_idx` ON `sync_held` (`entity`,`entity_id`);--> statement-breakpoint
CREATE TABLE `sync_refused` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`device_id` text NOT NULL,
	`seq` integer NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`field` text NOT NULL,
	`value` text NOT NULL,
	`code` text NOT NULL,
	`message` text NOT NULL,
	`rejected_at` text NOT NULL,
	`op` text NOT NULL,
	`area_code` text DEFAULT '' NOT NULL,
	`state` text DEFAULT 'open' NOT NULL,
	`settled_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sync_refused_chain_idx` ON `sync_refused` (`device_id`,`seq`);--> statement-breakpoint
CREATE INDEX `sync_refused_entity_idx` ON `sync_refused` (`entity`,`entity_id`);