import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { primaryFormId, unitFormIds } from '@shared/forms/unit-forms';
import { subHref } from '../../../app/router';
import { ErrorNotice } from '../../../components/error-notice';
import { useCall } from '../../../lib/use-call';
import { useComputedShown } from '../../registration/form/computed-shown';
import { FormEditor } from '../../registration/form/form-editor';
import { itemDomId } from '../../registration/form/item-field';
import { FindingsPanel } from '../../registration/unit/findings-panel';
import { HistoryView } from '../../registration/unit/history-view';
import { UnitFacts } from '../../registration/unit/unit-facts';
import { CountyNotice } from '../../registration/unit/county-notice';
import { HISTORY_TAB, UnitTabs } from '../../registration/unit/unit-tabs';
import { StatusChip } from '../../registration/status-chip';
import { useSession } from '../session-role';
import { useThreadStore } from '../thread-store';
import { checkDecision } from '@shared/review/review';
import { DecisionPanel } from './decision-panel';
import { IndustryCodingPanel } from './industry-coding-panel';
import { isIndustryCodable } from '@shared/review/industry-coding';
import { can } from '@shared/session/roles';
import { useDraftStore } from './draft-store';
import { ReviewAsideProvider } from './review-aside';
import { ReviewTimeline } from './review-timeline';
import { PackProvider } from '../../forms/pack-context';
import { PackNotices } from '../../forms/pack-notices';
import { usePack, usePackError } from '../../forms/packs-store';

// One unit as the reviewer sees it (#/review/unit/<id>): read-only forms with the findings and
// the enumerator's explanations, comments beside the items, the decision panel, and the
// unit's history (review steps and every change).

const noop = () => undefined;

const NO_FORMS = {};

export function ReviewUnitPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const thread = useThreadStore((s) => s.thread);
  const loadThread = useThreadStore((s) => s.load);
  const unit = useCall('units:get', { id });
  const { value: detail, error } = unit;
  const pack = usePack(detail?.formPack);
  const packError = usePackError(detail?.formPack);
  const [tab, setTab] = useState<string | null>(null);
  const pendingFocus = useRef<{ formId: string; path: string } | null>(null);
  // Carried items say where they come from here too (hooks run before the page's early returns).
  const shownForm = tab ?? (detail ? primaryFormId(detail.kind) : undefined);
  const computed = useComputedShown(pack, detail?.kind, detail?.forms ?? NO_FORMS, shownForm === HISTORY_TAB ? undefined : shownForm);

  useEffect(() => {
    void loadThread(id);
  }, [id, loadThread]);

  // A new unit starts with no comment drafts; leaving drops them (nothing was recorded).
  useEffect(() => {
    useDraftStore.getState().reset();
    return () => {
      useThreadStore.getState().clear();
      useDraftStore.getState().reset();
    };
  }, [id]);

  useEffect(() => {
    const target = pendingFocus.current;
    if (!target) return;
    const el = document.getElementById(itemDomId(target.formId, target.path));
    if (!el) return;
    pendingFocus.current = null;
    el.focus();
    el.scrollIntoView({ block: 'center' });
  });

  const goTo = (formId: string, path: string) => {
    pendingFocus.current = { formId, path };
    setTab(formId);
  };

  if (error && !detail) return <ErrorNotice error={error} onRetry={() => {
          unit.refetch();
          void loadThread(id);
        }} />;
  if (packError) return <ErrorNotice error={packError} onRetry={unit.refetch} />;
  if (!detail || !pack) {
    return (
      <p className="muted" role="status">
        {t('app.loading')}
      </p>
    );
  }

  const role = session.value?.role ?? 'local';
  const canComment = checkDecision(role, 'return', detail.status).ok;
  const formIds = unitFormIds(pack, detail.kind, detail.forms);
  const tabs = [...formIds, HISTORY_TAB];
  const active = tab !== null && tabs.includes(tab) ? tab : primaryFormId(detail.kind);
  const spec = active === HISTORY_TAB ? undefined : pack.form(active);
  const findings = detail.findingList;

  return (
    <PackProvider pack={pack}>
    <div className="page page--wide unit-page review-unit" data-testid="review-unit-page" data-status={detail.status}>
      <PackNotices detail={detail} formId={spec?.id ?? null} />
      <header className="unit-header">
        <p className="unit-header__back">
          <a href={subHref('review')} data-testid="review-back">
            {t('review.unit.back')}
          </a>
        </p>
        <div className="unit-header__title-row">
          <h1 className="page__title" data-testid="review-unit-name">
            {detail.name || t('registration.unit.unnamed')}
          </h1>
          <StatusChip status={detail.status} testId="review-unit-status" />
          {thread?.isReopened ? (
            <span className="badge badge--warn" data-testid="review-unit-reopened">
              {t('review.unit.reopened')}
            </span>
          ) : null}
        </div>
        <UnitFacts unit={detail} />
        {detail.county ? <CountyNotice county={detail.county} isReview /> : null}
        <p className="notice notice--info">{canComment ? t('review.unit.readOnly') : t('review.unit.readOnlyView')}</p>
      </header>
      <UnitTabs tabs={tabs} active={active} findings={findings} explanations={detail.explanations} onSelect={setTab} />
      <ReviewAsideProvider canComment={canComment}>
        <div className="unit-layout" id={`panel-${active}`} role="tabpanel" aria-labelledby={`tab-${active}`}>
          {active === HISTORY_TAB ? (
            <div className="history-stack">
              <ReviewTimeline />
              <HistoryView unitId={detail.id} version={detail.version} />
            </div>
          ) : spec ? (
            <>
              <div className="unit-layout__form">
                <FormEditor
                  key={`${spec.id}:${detail.version}`}
                  spec={spec}
                  initial={detail.forms[spec.id]}
                  findings={findings.filter((f) => f.formId === spec.id)}
                  explanations={detail.explanations}
                  isReadOnly
                  computed={computed}
                  onChange={noop}
                  onExplain={noop}
                />
              </div>
              <div className="review-unit__side">
                <DecisionPanel detail={detail} role={role} onDecided={unit.replace} onGoTo={goTo} />
                {can(role, 'review.codeIndustry') && isIndustryCodable(detail.status) && spec.id === primaryFormId(detail.kind) ? (
                  <IndustryCodingPanel
                    key={detail.version}
                    detail={detail}
                    pack={pack}
                    onCoded={(next) => {
                      unit.replace(next);
                      void loadThread(id);
                    }}
                  />
                ) : null}
                <FindingsPanel
                  formId={spec.id}
                  findings={findings}
                  explanations={detail.explanations}
                  isReady
                  onGoTo={(f) => goTo(f.formId, f.path)}
                />
              </div>
            </>
          ) : null}
        </div>
      </ReviewAsideProvider>
    </div>
    </PackProvider>
  );
}
