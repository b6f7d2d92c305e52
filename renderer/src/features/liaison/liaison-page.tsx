import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DownloadButton } from '../../components/download-button';
import { ErrorNotice } from '../../components/error-notice';
import { call } from '../../lib/api';
import { useCall } from '../../lib/use-call';
import { useTownships } from '../directory/townships';
import { useSession } from '../review/session-role';
import { CoveragePanel } from './coverage-panel';
import { EnterpriseLiaison } from './enterprise-liaison';
import { LIST_PAGE, LiaisonList } from './liaison-list';

// #/directory/liaison          企业包保: coverage per official and department, the enterprises with
//                              their official (tick many to assign them), the export
// #/directory/liaison/<id>     one enterprise: its official, who followed it when, its visits

export function LiaisonPage({ enterpriseId }: { enterpriseId: string | null }) {
  const { t } = useTranslation();
  const townships = useTownships((s) => s.townships);
  const loadTownships = useTownships((s) => s.load);
  const [township, setTownship] = useState('');
  const [official, setOfficial] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [offset, setOffset] = useState(0);
  const [reload, setReload] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const session = useSession();
  // Hidden for a role that may not assign; main refuses it anyway (liaison/service.ts).
  const canAssign = session.value?.permissions.includes('liaison.assign') ?? false;
  const isList = enterpriseId === null;
  const scope = township === '' ? {} : { township };
  const coverage = useCall('liaison:coverage', scope, { isEnabled: isList, reloadKey: reload });
  const list = useCall(
    'liaison:list',
    { ...scope, ...(official === null ? {} : { official }), ...(text.trim() === '' ? {} : { text: text.trim() }), limit: LIST_PAGE, offset },
    { isEnabled: isList, reloadKey: reload },
  );

  useEffect(() => {
    void loadTownships();
  }, [loadTownships]);

  if (enterpriseId) return <EnterpriseLiaison key={enterpriseId} enterpriseId={enterpriseId} canAssign={canAssign} />;

  return (
    <div className="liaison" data-testid="liaison-page">
      <div className="dir-inline liaison-toolbar">
        <label className="dir-inline">
          {t('directory.columns.township')}
          <select
            className="field__input field__input--select"
            data-testid="liaison-township"
            value={township}
            onChange={(e) => {
              setTownship(e.target.value);
              setOffset(0);
            }}
          >
            <option value="">{t('liaison.allTownships')}</option>
            {townships.map((x) => (
              <option key={x.code} value={x.code}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
        <DownloadButton label={t('liaison.export')} testId="liaison-export" request={() => call('liaison:exportXlsx', scope)} />
      </div>
      {notice ? (
        <p className="notice notice--info" role="status" data-testid="liaison-notice">
          {notice}
        </p>
      ) : null}
      {coverage.error ? <ErrorNotice error={coverage.error} onRetry={coverage.refetch} /> : null}
      {coverage.value ? (
        <CoveragePanel
          report={coverage.value}
          onOfficial={(name) => {
            setOfficial(name);
            setOffset(0);
          }}
        />
      ) : null}
      <h2 className="panel__title liaison-list-title" id="liaison-list-title">
        {t('liaison.list.title')}
      </h2>
      <div className="dir-inline liaison-toolbar">
        <label className="dir-inline">
          {t('liaison.list.search')}
          <input
            className="field__input"
            data-testid="liaison-search"
            value={text}
            maxLength={100}
            onChange={(e) => {
              setText(e.target.value);
              setOffset(0);
            }}
          />
        </label>
        <label className="dir-inline">
          {t('liaison.official')}
          <select
            className="field__input field__input--select"
            data-testid="liaison-official-filter"
            value={official ?? '*'}
            onChange={(e) => {
              setOfficial(e.target.value === '*' ? null : e.target.value);
              setOffset(0);
            }}
          >
            <option value="*">{t('liaison.list.anyOfficial')}</option>
            <option value="">{t('liaison.list.unassigned')}</option>
            {(coverage.value?.officials ?? []).map((o) => (
              <option key={o.official} value={o.official}>
                {o.official}
              </option>
            ))}
          </select>
        </label>
      </div>
      {list.error ? <ErrorNotice error={list.error} onRetry={list.refetch} /> : null}
      {list.value ? (
        <LiaisonList
          page={list.value}
          offset={offset}
          canAssign={canAssign}
          onOffset={setOffset}
          onAssigned={(message) => {
            setNotice(message);
            setReload((n) => n + 1);
          }}
        />
      ) : null}
    </div>
  );
}
