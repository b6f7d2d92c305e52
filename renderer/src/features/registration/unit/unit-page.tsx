import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormValues } from '@shared/forms';
import { primaryFormId } from '@shared/forms/unit-forms';
import { isFormEditable } from '@shared/registration/workflow';
import type { Finding } from '@shared/rules';
import { ErrorNotice } from '../../../components/error-notice';
import { AnswerAsideProvider, ReturnedBanner } from '../../review/answer/returned-review';
import { ReviewTimeline } from '../../review/unit/review-timeline';
import { FormEditor } from '../form/form-editor';
import { useComputedShown } from '../form/computed-shown';
import { itemDomId } from '../form/item-field';
import { FindingsPanel } from './findings-panel';
import { HistoryView } from './history-view';
import { useLiveFindings } from './live-findings';
import { useUnitSession } from './session-store';
import { UnitActions } from './unit-actions';
import { UnitHeader } from './unit-header';
import { HISTORY_TAB, UnitTabs } from './unit-tabs';
import { PackProvider } from '../../forms/pack-context';
import { usePack, usePackError } from '../../forms/packs-store';
import { PackNotices } from '../../forms/pack-notices';
import { referenceDateFindings } from '@shared/registration/scope';
import type { UnitStatus } from '@shared/registration/units';
import { OutOfScopeAction } from './out-of-scope';

/** Why the form is read-only, as a key of registration.unit.readOnly. */
function readOnlyKey(status: UnitStatus): 'approved' | 'notFound' | 'outOfScope' | 'submitted' {
  if (status === 'approved') return 'approved';
  if (status === 'not_found') return 'notFound';
  if (status === 'out_of_scope') return 'outOfScope';
  return 'submitted';
}

// The form screen of one unit (#/registration/unit/<id>): header, one tab per form it fills,
// the live findings beside the form, the workflow buttons, and its history.
// Keys: Enter/Tab next item, F8 next finding, Ctrl+Enter submit.

interface FocusTarget {
  formId: string;
  path: string;
}

function focusTarget(target: FocusTarget): boolean {
  const el = document.getElementById(itemDomId(target.formId, target.path));
  if (el) {
    el.focus();
    el.scrollIntoView({ block: 'center' });
    return true;
  }
  // A section-level finding (row counts): its section's first input.
  const section = document.getElementById(`section-${target.formId}-${target.path}`)?.parentElement;
  const first = section?.querySelector<HTMLElement>('[data-item-input]');
  first?.focus();
  return first !== undefined && first !== null;
}

export function UnitPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const detail = useUnitSession((s) => s.detail);
  const loadError = useUnitSession((s) => s.loadError);
  const forms = useUnitSession((s) => s.forms);
  const explanations = useUnitSession((s) => s.explanations);
  const generation = useUnitSession((s) => s.generation);
  const open = useUnitSession((s) => s.open);
  const flush = useUnitSession((s) => s.flush);
  const setForm = useUnitSession((s) => s.setForm);
  const setExplanation = useUnitSession((s) => s.setExplanation);
  const live = useLiveFindings();
  const pack = usePack(detail?.formPack);
  const packError = usePackError(detail?.formPack);
  const [tab, setTab] = useState<string | null>(null);
  const [justSubmitted, setJustSubmitted] = useState(false);
  const pendingFocus = useRef<FocusTarget | 'first' | null>('first');
  const bodyRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    pendingFocus.current = 'first';
    void open(id);
    const onHide = () => void useUnitSession.getState().flush();
    window.addEventListener('pagehide', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      // Leaving the page saves what was typed (autosave "on leaving the page").
      void useUnitSession.getState().flush();
    };
  }, [id, open]);

  const tabs = [...live.formIds, HISTORY_TAB];
  const active = tab !== null && tabs.includes(tab) ? tab : detail ? primaryFormId(detail.kind) : (tabs[0] ?? HISTORY_TAB);
  const isEditable = detail !== null && isFormEditable(detail.status);
  const computed = useComputedShown(pack, detail?.kind, forms, active);

  // Focus requests wait for the render that shows their tab.
  useEffect(() => {
    const target = pendingFocus.current;
    if (!target || !detail || !live.isReady) return;
    if (target === 'first') {
      const inputs = bodyRef.current?.querySelectorAll<HTMLInputElement>('[data-item-input]') ?? [];
      const empty = Array.from(inputs).find((el) => el.value === '') ?? inputs[0];
      empty?.focus();
      pendingFocus.current = null;
    } else if (target.formId === active) {
      focusTarget(target);
      pendingFocus.current = null;
    }
  });

  const goTo = useCallback(
    (f: Pick<Finding, 'formId' | 'path'>) => {
      pendingFocus.current = { formId: f.formId, path: f.path };
      if (f.formId === active) {
        focusTarget({ formId: f.formId, path: f.path });
        pendingFocus.current = null;
      } else {
        setTab(f.formId);
      }
    },
    [active],
  );

  // F8: the next item with a finding below the focus (Shift+F8 above), in the order the form
  // shows them; past the last one, the first finding of the next form that has any.
  const goToNextFinding = (direction: 1 | -1) => {
    const flagged = Array.from(
      bodyRef.current?.querySelectorAll<HTMLElement>('.item--mandatory, .item--verify, .item--hint') ?? [],
    );
    const here = document.activeElement;
    const isAfter = (el: HTMLElement) =>
      // compareDocumentPosition returns a bit mask.
      here !== null && (here.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0 && !el.contains(here);
    const isBefore = (el: HTMLElement) =>
      here !== null && (here.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING) !== 0 && !el.contains(here);
    const focusItem = (el: HTMLElement | undefined) => {
      const input = el?.querySelector<HTMLInputElement>('[data-item-input]');
      input?.focus();
      input?.scrollIntoView({ block: 'center' });
      return input !== undefined && input !== null;
    };
    if (focusItem(direction === 1 ? flagged.find(isAfter) : flagged.filter(isBefore).at(-1))) return;
    const order = live.formIds;
    const start = order.indexOf(active);
    for (let i = 1; i < order.length; i += 1) {
      const formId = order[(start + direction * i + order.length * 2) % order.length];
      const first = live.findings.find((f) => f.formId === formId);
      if (first) {
        goTo(first);
        return;
      }
    }
    // Only this form has findings: wrap around.
    focusItem(direction === 1 ? flagged[0] : flagged.at(-1));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      const button = document.getElementById('unit-submit');
      if (button instanceof HTMLButtonElement && !button.disabled) button.click();
      else document.getElementById('unit-submit-blocked')?.scrollIntoView({ block: 'nearest' });
      return;
    }
    if (e.key === 'F8') {
      e.preventDefault();
      goToNextFinding(e.shiftKey ? -1 : 1);
    }
  };

  if (loadError) return <ErrorNotice error={loadError} onRetry={() => void open(id)} />;
  if (packError) return <ErrorNotice error={packError} onRetry={() => void open(id)} />;
  if (!detail || !pack) {
    return (
      <p className="muted" role="status">
        {t('app.loading')}
      </p>
    );
  }

  const spec = active === HISTORY_TAB ? undefined : pack.form(active);
  return (
    <PackProvider pack={pack}>
    <div className="page page--wide unit-page" data-testid="unit-page" onKeyDown={onKeyDown}>
      <UnitHeader />
      <PackNotices detail={detail} formId={spec?.id ?? null} />
      {justSubmitted && detail.status === 'submitted' ? (
        <p className="notice notice--ok" role="status" data-testid="submitted-notice">
          {t('registration.unit.submitted')}
        </p>
      ) : null}
      {!isEditable ? (
        <p className="notice notice--info">
          {detail.status === 'accepted'
            ? t('review.unit.readOnlyAccepted')
            : t(`registration.unit.readOnly.${readOnlyKey(detail.status)}`)}
        </p>
      ) : null}
      <ReturnedBanner onGoTo={(formId, path) => goTo({ formId, path })} />
      <UnitTabs
        tabs={tabs}
        active={active}
        findings={live.findings}
        explanations={explanations}
        onSelect={(next) => setTab(next)}
      />
      <AnswerAsideProvider>
      <div className="unit-layout" ref={bodyRef} id={`panel-${active}`} role="tabpanel" aria-labelledby={`tab-${active}`}>
        {active === HISTORY_TAB ? (
          <div className="history-stack">
            <ReviewTimeline />
            <HistoryView unitId={detail.id} version={detail.version} />
          </div>
        ) : spec ? (
          <>
            <div className="unit-layout__form">
              <FormEditor
                key={`${spec.id}:${generation}`}
                spec={spec}
                initial={forms[spec.id]}
                findings={live.findings.filter((f) => f.formId === spec.id)}
                explanations={explanations}
                isReadOnly={!isEditable}
                preload={detail.preload[spec.id]}
                onChange={(values: FormValues) => setForm(spec.id, values)}
                onExplain={setExplanation}
                computed={computed}
              />
            </div>
            <FindingsPanel
              formId={spec.id}
              findings={live.findings}
              explanations={explanations}
              isReady={live.isReady}
              onGoTo={goTo}
              actionFor={(f) => (isEditable && referenceDateFindings(pack, [f]).length > 0 ? <OutOfScopeAction /> : null)}
            />
          </>
        ) : null}
      </div>
      </AnswerAsideProvider>
      <UnitActions
        submit={live.submit}
        isReady={live.isReady}
        isEditable={isEditable}
        onSubmitted={() => {
          setJustSubmitted(true);
          void flush();
        }}
      />
    </div>
    </PackProvider>
  );
}
