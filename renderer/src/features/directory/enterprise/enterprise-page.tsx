import { useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { industryByCode } from '@shared/codes/industry';
import { subHref } from '../../../app/router';
import { useLanguage } from '../../../app/store';
import { ErrorNotice } from '../../../components/error-notice';
import { formatInteger } from '../format';
import { FlagBadges, StageTag, StatusTag } from '../tags';
import { useTownships } from '../townships';
import { EnterpriseHistory } from './enterprise-history';
import { useEnterprise } from './enterprise-store';
import { FollowUpPanel } from '../../followup/enterprise/followup-panel';
import { IdentityPanel } from './identity-panel';
import { LedgerPanel } from '../../ledger/ledger-panel';

// One enterprise: a header with who it is and where it stands, then tabs for the ledger (with
// evidence and findings), 入规纳统 follow-up, identity and the change history.

const tabs = ['ledger', 'followup', 'identity', 'history'] as const;
type Tab = (typeof tabs)[number];

export function EnterprisePage({ id }: { id: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const open = useEnterprise((s) => s.open);
  const detail = useEnterprise((s) => s.detail);
  const reloadDetail = useEnterprise((s) => s.reloadDetail);
  const townshipNames = useTownships((s) => s.names);
  const loadTownships = useTownships((s) => s.load);
  const [tab, setTab] = useState<Tab>('ledger');

  useEffect(() => {
    open(id);
    void loadTownships();
  }, [open, id, loadTownships]);

  const d = detail.value && detail.value.id === id ? detail.value : null;

  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = tabs.indexOf(tab);
    const next = e.key === 'ArrowRight' ? tabs[(i + 1) % tabs.length] : e.key === 'ArrowLeft' ? tabs[(i - 1 + tabs.length) % tabs.length] : undefined;
    if (!next) return;
    e.preventDefault();
    setTab(next);
    document.getElementById(`enterprise-tab-${next}`)?.focus();
  };

  return (
    <>
      <p>
        <a href={subHref('directory')} data-testid="enterprise-back">
          {t('directory.back')}
        </a>
      </p>
      {detail.error ? <ErrorNotice error={detail.error} onRetry={() => void reloadDetail()} /> : null}
      {d ? (
        <>
          <header className="enterprise-head" data-testid="enterprise-header">
            <h1 className="page__title" data-testid="enterprise-name">
              {d.name}
            </h1>
            <p className="enterprise-head__facts">
              <span className="mono" data-testid="enterprise-code">
                {d.uscc !== '' ? d.uscc : t('directory.head.orgCodeOnly', { code: d.orgCode })}
              </span>
              <span>{townshipNames.get(d.divisionCode.slice(0, 9)) ?? d.divisionCode}</span>
              <span>
                {d.industryCode} {industryByCode(d.industryCode)?.name ?? ''}
              </span>
              <span data-testid="enterprise-scale">{t(`directory.scale.${d.scale}`)}</span>
              <StatusTag status={d.status} />
              {d.liaison ? <span>{t('directory.head.liaison', { name: d.liaison })}</span> : null}
            </p>
            <p className="enterprise-head__flags">
              <FlagBadges flags={d.flags} testId="enterprise-flags" />
              <StageTag stage={d.stage} testId="enterprise-stage" />
              {d.flags.asOf ? (
                <span className="muted" data-testid="enterprise-ytd">
                  {t('directory.head.ytd', { asOf: d.flags.asOf, measure: t(`directory.measures.${d.flags.measure ?? 'revenue'}`), value: formatInteger(d.flags.ytdRevenue, language) })}
                </span>
              ) : null}
              {d.unitKind !== 'legal' ? <span data-testid="enterprise-unit-kind">{t(`directory.unitKinds.${d.unitKind}`)}</span> : null}
              {d.admissionHints.map((h) => (
                <span key={h} className="muted enterprise-head__hint" data-testid={`enterprise-hint-${h}`}>
                  {t(`directory.hints.${h}`, { measure: t(`directory.measures.${d.threshold?.measure ?? 'mainRevenue'}`) })}
                </span>
              ))}
              {d.threshold?.minRevenue ? (
                <span className="muted">{t('directory.head.threshold', { value: formatInteger(d.threshold.minRevenue, language) })}</span>
              ) : null}
            </p>
          </header>
          <div className="tabs" role="tablist" aria-label={t('directory.tabs.label')} onKeyDown={onTabKey}>
            {tabs.map((tb) => (
              <button
                key={tb}
                type="button"
                role="tab"
                id={`enterprise-tab-${tb}`}
                className="tabs__tab"
                aria-selected={tb === tab}
                aria-controls={`enterprise-panel-${tb}`}
                tabIndex={tb === tab ? 0 : -1}
                data-testid={`enterprise-tab-${tb}`}
                onClick={() => setTab(tb)}
              >
                {t(`directory.tabs.${tb}`)}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`enterprise-panel-${tab}`} aria-labelledby={`enterprise-tab-${tab}`} className="enterprise-panel">
            {tab === 'ledger' ? <LedgerPanel detail={d} /> : null}
            {tab === 'followup' ? <FollowUpPanel detail={d} /> : null}
            {tab === 'identity' ? <IdentityPanel detail={d} /> : null}
            {tab === 'history' ? <EnterpriseHistory id={d.id} version={d.version} /> : null}
          </div>
        </>
      ) : detail.isLoading ? (
        <p className="muted" role="status">
          {t('app.loading')}
        </p>
      ) : null}
    </>
  );
}
