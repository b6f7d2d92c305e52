CREATE TABLE `annual_imports` (
	`id` text PRIMARY KEY NOT NULL,
	`year` integer NOT NULL,
	`file_name` text NOT NULL,
	`unit_count` integer NOT NULL,
	`totals_count` integer NOT NULL,
	`replaces` text,
	`by` text NOT NULL,
	`by_user_id` text,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `annual_imports_year_idx` ON `annual_imports` (`year`,`at`);--> statement-breakpoint
CREATE TABLE `annual_totals` (
	`year` integer NOT NULL,
	`dimension` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`units` integer,
	`revenue` integer,
	`employees` integer,
	PRIMARY KEY(`year`, `dimension`, `code`)
);
--> statement-breakpoint
CREATE TABLE `annual_units` (
	`year` integer NOT NULL,
	`row_no` integer NOT NULL,
	`uscc` text NOT NULL,
	`org_code` text NOT NULL,
	`name` text NOT NULL,
	`profession` text NOT NULL,
	`industry_code` text NOT NULL,
	`township` text NOT NULL,
	`revenue` integer,
	`employees` integer,
	PRIMARY KEY(`year`, `row_no`)
);
--> statement-breakpoint
CREATE INDEX `annual_units_uscc_idx` ON `annual_units` (`uscc`,`year`);--> statement-breakpoint
CREATE INDEX `annual_units_org_idx` ON `annual_units` (`org_code`,`year`);--> statement-breakpoint
CREATE TABLE `reconcile_notes` (
	`year` integer NOT NULL,
	`dimension` text NOT NULL,
	`code` text NOT NULL,
	`text` text NOT NULL,
	`by` text NOT NULL,
	`by_user_id` text,
	`at` text NOT NULL,
	`previous` text DEFAULT '[]' NOT NULL,
	PRIMARY KEY(`year`, `dimension`, `code`)
);
