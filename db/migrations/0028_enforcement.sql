CREATE TABLE `enforcement_cases` (
	`id` text PRIMARY KEY NOT NULL,
	`enterprise_id` text NOT NULL,
	`filed_on` text NOT NULL,
	`fields` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `enforcement_cases_enterprise_idx` ON `enforcement_cases` (`enterprise_id`);--> statement-breakpoint
CREATE TABLE `inspectors` (
	`id` text PRIMARY KEY NOT NULL,
	`fields` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `published_draw_seeds` (
	`draw_id` text PRIMARY KEY NOT NULL,
	`seed` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `published_draws` (
	`id` text PRIMARY KEY NOT NULL,
	`fields` text NOT NULL,
	`published_at` text NOT NULL
);
