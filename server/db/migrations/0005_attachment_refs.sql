CREATE TABLE `attachment_refs` (
	`sha256` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	PRIMARY KEY(`sha256`, `entity`, `entity_id`)
);
