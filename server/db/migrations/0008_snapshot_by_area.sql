DROP INDEX `entities_scope_idx`;--> statement-breakpoint
CREATE INDEX `entities_scope_idx` ON `entities` (`scope_key`,`entity`,`entity_id`);