CREATE TABLE `ledger_summaries` (
	`enterprise_id` text NOT NULL,
	`year` integer NOT NULL,
	`filled` integer NOT NULL,
	`backed` integer NOT NULL,
	`month_mask` integer NOT NULL,
	PRIMARY KEY(`enterprise_id`, `year`)
);
--> statement-breakpoint
CREATE INDEX `ledger_summaries_year_idx` ON `ledger_summaries` (`year`,`enterprise_id`,`filled`,`backed`,`month_mask`);--> statement-breakpoint
CREATE TABLE `ledger_summary_dirty` (
	`enterprise_id` text PRIMARY KEY NOT NULL
);
