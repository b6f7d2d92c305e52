CREATE TABLE `interference_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`area_code` text NOT NULL,
	`actor_name` text NOT NULL,
	`actor_post` text NOT NULL,
	`actor_unit` text NOT NULL,
	`occurred_on` text NOT NULL,
	`manner` text NOT NULL,
	`indicator` text NOT NULL,
	`period` text NOT NULL,
	`subject` text NOT NULL,
	`request` text NOT NULL,
	`response` text NOT NULL,
	`reported_to` text NOT NULL,
	`response_note` text NOT NULL,
	`corrects` text,
	`correction_reason` text NOT NULL,
	`recorded_at` text NOT NULL,
	`recorded_by_id` text NOT NULL,
	`recorded_by_name` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `interference_entries_occurred_idx` ON `interference_entries` (`occurred_on`);