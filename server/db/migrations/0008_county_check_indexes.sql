-- Hand-written: drizzle-kit cannot express an index on an expression (it splits the expression
-- at its commas). The county-wide check (server/store/sqlite/county.ts) finds units by USCC and
-- by their parent's USCC across the county. A unit's value sits in its own field once edited,
-- else among the initial fields of its '$create': each index reads whichever the row is. Partial,
-- so only these fields (two or three a unit) pay for them on push. The queries repeat these
-- expressions and conditions word for word (SQLite matches them as written).
CREATE INDEX `field_state_unit_uscc_idx` ON `field_state` ((CASE `field` WHEN '$create' THEN json_extract(`value`, '$.fields.uscc') ELSE json_extract(`value`, '$') END)) WHERE `entity` = 'unit' AND `field` IN ('uscc', '$create');
--> statement-breakpoint
CREATE INDEX `field_state_unit_parent_idx` ON `field_state` ((CASE `field` WHEN '$create' THEN json_extract(`value`, '$.fields."611.parentUscc"') ELSE json_extract(`value`, '$') END)) WHERE `entity` = 'unit' AND `field` IN ('611.parentUscc', '$create');
