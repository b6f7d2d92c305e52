import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { subHref, useSubPath } from '../../app/router';
import { CandidatesPage } from '../followup/candidates-page';
import { ExitsPage } from '../followup/exits-page';
import { DrawPage } from '../inspection/draw-page';
import { EnforcementPage } from '../enforcement/enforcement-page';
import { LiaisonPage } from '../liaison/liaison-page';
import { TrainingPage } from '../training/training-page';
import { EnterprisePage } from './enterprise/enterprise-page';
import { DirectoryListPage } from './list/directory-list-page';

// #/directory                     企业名录 (the table)
// #/directory/enterprise/<id>     one enterprise: ledger, evidence, follow-up, identity, history
// #/directory/candidates          入规纳统 candidates        #/directory/exits  退库 candidates
// #/directory/draw[/<id>]         双随机 draws               #/directory/stats  township/bureau views
// #/directory/enforce[/…]          统计执法: roster, published draws, cases (enforcement-page.tsx)
// #/directory/liaison[/<id>]      企业包保: officials, visits   #/directory/training  培训 sessions

// echarts is about half a megabyte: only the statistics page needs it, so it loads with that
// page (a separate chunk, same origin, allowed by script-src 'self').
const StatsPage = lazy(() => import('./stats/stats-page').then((m) => ({ default: m.StatsPage })));

const sections = ['list', 'candidates', 'exits', 'draw', 'enforce', 'liaison', 'training', 'stats'] as const;
type Section = (typeof sections)[number];

const isSection = (v: string): v is Section => (sections as readonly string[]).includes(v);

function SectionNav({ current }: { current: Section | null }) {
  const { t } = useTranslation();
  return (
    <nav className="dir-sections" aria-label={t('directory.sections.label')}>
      {sections.map((s) => (
        <a
          key={s}
          className="dir-sections__link"
          href={s === 'list' ? subHref('directory') : subHref('directory', s)}
          aria-current={s === current ? 'page' : undefined}
          data-testid={`directory-section-${s}`}
        >
          {t(`directory.sections.${s}`)}
        </a>
      ))}
    </nav>
  );
}

export function DirectoryPage() {
  const { t } = useTranslation();
  const sub = useSubPath().split('/');
  const head = sub[0] ?? '';
  if (head === 'enterprise' && sub[1]) {
    return (
      <div className="page page--wide" data-testid="page-enterprise">
        <SectionNav current={null} />
        <EnterprisePage key={sub[1]} id={sub[1]} />
      </div>
    );
  }
  const section: Section = isSection(head) ? head : 'list';
  return (
    <div className="page page--wide" data-testid="page-directory">
      <h1 className="page__title">{t('directory.title')}</h1>
      <SectionNav current={section} />
      {section === 'list' ? <DirectoryListPage /> : null}
      {section === 'candidates' ? <CandidatesPage /> : null}
      {section === 'exits' ? <ExitsPage /> : null}
      {section === 'draw' ? <DrawPage drawId={sub[1] ?? null} /> : null}
      {section === 'enforce' ? <EnforcementPage sub={sub.slice(1)} /> : null}
      {section === 'liaison' ? <LiaisonPage enterpriseId={sub[1] ?? null} /> : null}
      {section === 'training' ? <TrainingPage /> : null}
      {section === 'stats' ? (
        <Suspense
          fallback={
            <p className="muted" role="status">
              {t('app.loading')}
            </p>
          }
        >
          <StatsPage />
        </Suspense>
      ) : null}
    </div>
  );
}
