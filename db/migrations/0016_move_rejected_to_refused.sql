-- Hand-written (drizzle-kit generate --custom): refusals move from sync_rejected (keyed by seq
-- alone) to sync_refused (keyed by id, with the chain they were signed on), since seqs start
-- again from 1 when a laptop moves to a new chain branch. The area is the '$create''s, else
-- the unit's as stored; edits refused UNKNOWN_ENTITY because their unit's creation was refused
-- are carried by that creation's retry ('covered').
INSERT INTO `sync_refused` (`device_id`, `seq`, `entity`, `entity_id`, `field`, `value`, `code`, `message`, `rejected_at`, `op`, `area_code`, `state`)
SELECT coalesce(json_extract(r.`op`, '$.deviceId'), ''), r.`seq`, r.`entity`, r.`entity_id`, r.`field`, r.`value`, r.`code`, r.`message`, r.`rejected_at`, r.`op`,
       coalesce(CASE WHEN r.`field` = '$create' THEN json_extract(r.`op`, '$.value.areaCode') END, (SELECT u.`area_code` FROM `units` u WHERE u.`id` = r.`entity_id`), ''),
       CASE WHEN r.`code` = 'UNKNOWN_ENTITY' AND EXISTS (SELECT 1 FROM `sync_rejected` c WHERE c.`entity` = r.`entity` AND c.`entity_id` = r.`entity_id` AND c.`field` = '$create') THEN 'covered' ELSE 'open' END
FROM `sync_rejected` r ORDER BY r.`seq`;
--> statement-breakpoint
DELETE FROM `sync_rejected`;
