-- Hand-written data move (after 0032_admission_attributes added the columns).
-- The single has_qualification flag ("有建筑业资质或房地产开发经营活动") said "yes" without saying
-- which. For a 房地产开发经营 (7010) unit that "yes" was the form's statement of development activity.
UPDATE `enterprises` SET `has_development_activity` = 1 WHERE `has_qualification` = 1 AND `industry_code` = '7010';--> statement-breakpoint
-- For anyone else it must not become 总承包 or 专业承包 nobody stated: it becomes 'unconfirmed'
-- (资质待确认), which admits nothing and asks the user to state the kind.
UPDATE `enterprises` SET `qualification_kind` = 'unconfirmed' WHERE `has_qualification` = 1 AND `industry_code` <> '7010' AND `qualification_kind` = 'none';
-- Flags stored before the measure existed have measure NULL (0032): recomputeAllFlags
-- (followup/thresholds.ts, run at start by directory/warmup.ts) re-reads those from the ledger on
-- their rule's own measure.
