CREATE TABLE `review_dirty` (
	`unit_id` text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE `review_events` (
	`unit_id` text NOT NULL,
	`event_id` text NOT NULL,
	`kind` text NOT NULL,
	`at` text NOT NULL,
	`by_name` text NOT NULL,
	`by_role` text NOT NULL,
	`value` text NOT NULL,
	`is_pending` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`unit_id`, `event_id`)
);
--> statement-breakpoint
CREATE INDEX `review_events_kind_at_idx` ON `review_events` (`kind`,`at`);