PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_draw_items` (
	`draw_id` text NOT NULL,
	`enterprise_id` text NOT NULL,
	`position` integer NOT NULL,
	`uscc` text NOT NULL,
	`name` text NOT NULL,
	`division_code` text NOT NULL,
	`inspectors` text NOT NULL,
	`result` text DEFAULT 'pending' NOT NULL,
	`findings` text DEFAULT '' NOT NULL,
	`is_closed` integer DEFAULT false NOT NULL,
	`closed_at` text,
	`closing_note` text DEFAULT '' NOT NULL,
	`updated_at` text,
	PRIMARY KEY(`draw_id`, `enterprise_id`),
	FOREIGN KEY (`draw_id`) REFERENCES `draws`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_draw_items`("draw_id", "enterprise_id", "position", "uscc", "name", "division_code", "inspectors", "result", "findings", "is_closed", "closed_at", "closing_note", "updated_at") SELECT "draw_id", "enterprise_id", "position", "uscc", "name", "division_code", "inspectors", "result", "findings", "is_closed", "closed_at", "closing_note", "updated_at" FROM `draw_items`;--> statement-breakpoint
DROP TABLE `draw_items`;--> statement-breakpoint
ALTER TABLE `__new_draw_items` RENAME TO `draw_items`;--> statement-breakpoint
PRAGMA foreign_keys=ON;