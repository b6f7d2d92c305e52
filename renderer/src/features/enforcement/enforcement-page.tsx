import { useTranslation } from 'react-i18next';
import { subHref } from '../../app/router';
import { CasePage } from './case-page';
import { CasesPanel } from './cases-panel';
import { DrawView } from './draw-view';
import { DrawsPanel } from './draws-panel';
import { PublicationPrint } from './publication-print';
import { RosterPanel } from './roster-panel';
import { useSession } from '../review/session-role';

// 统计执法, under the directory:
// #/directory/enforce                 the inspector roster
// #/directory/enforce/draws           draws published before they run; a new one
// #/directory/enforce/draw/<id>       one draw: its 公示, running it, the result, checking it
// #/directory/enforce/print/<id>      the printable 公示 sheet
// #/directory/enforce/cases           the year's figures, cases, opening one
// #/directory/enforce/case/<id>       one case: its steps, documents, 移送

const tabs = ['roster', 'draws', 'cases'] as const;
type Tab = (typeof tabs)[number];

export const enforceHref = (...segments: string[]): string => subHref('directory', 'enforce', ...segments);

function Tabs({ current }: { current: Tab }) {
  const { t } = useTranslation();
  return (
    <nav className="enforce-tabs" aria-label={t('enforcement.tabsLabel')}>
      {tabs.map((tab) => (
        <a key={tab} className="enforce-tabs__link" href={tab === 'roster' ? enforceHref() : enforceHref(tab)} aria-current={tab === current ? 'page' : undefined} data-testid={`enforce-tab-${tab}`}>
          {t(`enforcement.tabs.${tab}`)}
        </a>
      ))}
    </nav>
  );
}

/** Who may not change anything here is told so once, at the top (main and the server refuse it anyway). */
function ReadOnlyNote() {
  const { t } = useTranslation();
  const session = useSession();
  if (!session.value || session.value.permissions.includes('enforce.manage')) return null;
  return (
    <p className="notice notice--warn" role="note" data-testid="enforce-read-only">
      {t('enforcement.readOnly')}
    </p>
  );
}

export function EnforcementPage({ sub }: { sub: readonly string[] }) {
  const [head = '', id = ''] = sub;
  if (head === 'print' && id) return <PublicationPrint id={id} />;
  const tab: Tab = head === 'draws' || head === 'draw' ? 'draws' : head === 'cases' || head === 'case' ? 'cases' : 'roster';
  return (
    <div className="enforce" data-testid="enforce-page">
      <Tabs current={tab} />
      <ReadOnlyNote />
      {head === 'draw' && id ? <DrawView key={id} id={id} /> : null}
      {head === 'case' && id ? <CasePage key={id} id={id} /> : null}
      {head === 'draws' ? <DrawsPanel /> : null}
      {head === 'cases' ? <CasesPanel /> : null}
      {tab === 'roster' ? <RosterPanel /> : null}
    </div>
  );
}
