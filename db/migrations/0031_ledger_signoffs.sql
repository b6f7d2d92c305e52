CREATE TABLE `ledger_signoffs` (
	`enterprise_id` text NOT NULL,
	`year` integer NOT NULL,
	`month` integer NOT NULL,
	`role` text NOT NULL,
	`name` text NOT NULL,
	`date` text NOT NULL,
	`at` text NOT NULL,
	`signed_by` text NOT NULL,
	PRIMARY KEY(`enterprise_id`, `year`, `month`, `role`),
	FOREIGN KEY (`enterprise_id`) REFERENCES `enterprises`(`id`) ON UPDATE no action ON DELETE no action
);
