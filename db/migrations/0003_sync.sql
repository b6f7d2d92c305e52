CREATE TABLE `sync_attachments` (
	`sha256` text PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`mime` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`created_at` text NOT NULL,
	`uploaded_at` text
);
--> statement-breakpoint
CREATE TABLE `sync_base` (
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`area_code` text NOT NULL,
	`fields` text NOT NULL,
	PRIMARY KEY(`entity`, `entity_id`)
);
--> statement-breakpoint
CREATE INDEX `sync_base_area_idx` ON `sync_base` (`area_code`);--> statement-breakpoint
CREATE TABLE `sync_conflicts` (
	`conflict_id` text PRIMARY KEY NOT NULL,
	`entity_id` text NOT NULL,
	`field` text NOT NULL,
	`record` text NOT NULL,
	`is_own` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text NOT NULL,
	`trigger` text NOT NULL,
	`outcome` text NOT NULL,
	`error_code` text,
	`message` text,
	`pushed` integer DEFAULT 0 NOT NULL,
	`pulled` integer DEFAULT 0 NOT NULL,
	`rejected` integer DEFAULT 0 NOT NULL,
	`conflicts` integer DEFAULT 0 NOT NULL,
	`bytes_up` integer DEFAULT 0 NOT NULL,
	`bytes_down` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_outbox` (
	`seq` integer PRIMARY KEY NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`field` text NOT NULL,
	`area_code` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`op` text NOT NULL,
	`acked_at` text
);
--> statement-breakpoint
CREATE INDEX `sync_outbox_field_idx` ON `sync_outbox` (`entity`,`entity_id`,`field`);--> statement-breakpoint
CREATE INDEX `sync_outbox_area_idx` ON `sync_outbox` (`area_code`);--> statement-breakpoint
CREATE TABLE `sync_rejected` (
	`seq` integer PRIMARY KEY NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`field` text NOT NULL,
	`value` text NOT NULL,
	`code` text NOT NULL,
	`message` text NOT NULL,
	`rejected_at` text NOT NULL,
	`op` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
