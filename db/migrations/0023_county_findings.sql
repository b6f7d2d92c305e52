CREATE TABLE `county_findings` (
	`unit_id` text NOT NULL,
	`kind` text NOT NULL,
	`basis` text NOT NULL,
	`other_id` text NOT NULL,
	`other_name` text NOT NULL,
	`other_uscc` text NOT NULL,
	`other_area_code` text NOT NULL,
	`other_kind` text NOT NULL,
	`other_unit_type` text NOT NULL,
	`computed_at` text NOT NULL,
	PRIMARY KEY(`unit_id`, `kind`, `other_id`)
);
