CREATE TABLE `access_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`device_id` text NOT NULL,
	`user_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `access_tokens_expiry_idx` ON `access_tokens` (`expires_at`);--> statement-breakpoint
CREATE TABLE `assignments` (
	`user_id` text NOT NULL,
	`area_prefix` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`user_id`, `area_prefix`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `devices` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`refresh_hash` text,
	`app_version` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `devices_user_idx` ON `devices` (`user_id`);--> statement-breakpoint
CREATE INDEX `devices_refresh_idx` ON `devices` (`refresh_hash`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);--> statement-breakpoint
CREATE TABLE `attachments` (
	`sha256` text PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`uploaded_by` text NOT NULL,
	`completed_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `conflicts` (
	`id` text PRIMARY KEY NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`field` text NOT NULL,
	`scope_key` text NOT NULL,
	`status` text NOT NULL,
	`winner` text NOT NULL,
	`current_gseq` integer NOT NULL,
	`incoming_gseq` integer NOT NULL,
	`created_at` text NOT NULL,
	`resolved_gseq` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `conflicts_incoming_gseq_unique` ON `conflicts` (`incoming_gseq`);--> statement-breakpoint
CREATE INDEX `conflicts_status_idx` ON `conflicts` (`status`,`scope_key`);--> statement-breakpoint
CREATE INDEX `conflicts_entity_idx` ON `conflicts` (`entity`,`entity_id`);--> statement-breakpoint
CREATE TABLE `entities` (
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`scope_key` text NOT NULL,
	`bucket` text NOT NULL,
	`created_gseq` integer NOT NULL,
	PRIMARY KEY(`entity`, `entity_id`)
);
--> statement-breakpoint
CREATE INDEX `entities_scope_idx` ON `entities` (`scope_key`);--> statement-breakpoint
CREATE INDEX `entities_bucket_idx` ON `entities` (`bucket`);--> statement-breakpoint
CREATE TABLE `field_state` (
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`field` text NOT NULL,
	`value` text NOT NULL,
	`version` integer NOT NULL,
	`device_id` text NOT NULL,
	`user_id` text NOT NULL,
	`hlc` text NOT NULL,
	`at` text NOT NULL,
	PRIMARY KEY(`entity`, `entity_id`, `field`)
);
--> statement-breakpoint
CREATE INDEX `field_state_version_idx` ON `field_state` (`version`);--> statement-breakpoint
CREATE TABLE `ops` (
	`device_id` text NOT NULL,
	`seq` integer NOT NULL,
	`gseq` integer,
	`hash` text NOT NULL,
	`prev_hash` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`field` text NOT NULL,
	`value` text NOT NULL,
	`base_version` integer NOT NULL,
	`hlc` text NOT NULL,
	`user_id` text NOT NULL,
	`at` text NOT NULL,
	`app_version` text NOT NULL,
	`schema_version` text NOT NULL,
	`received_at` text NOT NULL,
	`outcome` text NOT NULL,
	`reject_code` text,
	`reject_message` text,
	`conflict_id` text,
	PRIMARY KEY(`device_id`, `seq`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ops_gseq_unique` ON `ops` (`gseq`);--> statement-breakpoint
CREATE INDEX `ops_entity_idx` ON `ops` (`entity`,`entity_id`);