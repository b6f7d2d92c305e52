CREATE TABLE `analysis_dirty` (
	`enterprise_id` text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE `analysis_meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `analysis_parts` (
	`enterprise_id` text NOT NULL,
	`year` integer NOT NULL,
	`indicator` text NOT NULL,
	`township` text NOT NULL,
	`division` text NOT NULL,
	`profession` text NOT NULL,
	`scale` text NOT NULL,
	`series` text NOT NULL,
	PRIMARY KEY(`enterprise_id`, `year`, `indicator`)
);
--> statement-breakpoint
CREATE TABLE `analysis_rollup` (
	`year` integer NOT NULL,
	`township` text NOT NULL,
	`division` text NOT NULL,
	`profession` text NOT NULL,
	`scale` text NOT NULL,
	`indicator` text NOT NULL,
	`cells` text NOT NULL,
	PRIMARY KEY(`year`, `township`, `division`, `profession`, `scale`, `indicator`)
);
--> statement-breakpoint
CREATE TABLE `analysis_targets` (
	`id` text PRIMARY KEY NOT NULL,
	`area_code` text NOT NULL,
	`year` integer NOT NULL,
	`profession` text NOT NULL,
	`indicator` text NOT NULL,
	`target_tenths` integer,
	`note` text DEFAULT '' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `analysis_targets_year_idx` ON `analysis_targets` (`year`,`area_code`);