CREATE TABLE `fork_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`device_id` text NOT NULL,
	`new_device_id` text NOT NULL,
	`fork_seq` integer NOT NULL,
	`pending` integer NOT NULL,
	`server_seq` integer NOT NULL,
	`requested_at` text NOT NULL,
	`status` text NOT NULL,
	`decided_by` text,
	`decided_at` text,
	`completed_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `fork_requests_new_device_id_unique` ON `fork_requests` (`new_device_id`);--> statement-breakpoint
CREATE INDEX `fork_requests_device_idx` ON `fork_requests` (`device_id`,`status`);