import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WithdrawnUnit } from '@shared/registration/registration';
import { useLanguage } from '../../../app/store';
import { ErrorNotice } from '../../../components/error-notice';
import { useCall } from '../../../lib/use-call';
import { formatCount, formatDateTime } from '../../../lib/format';
import { Dialog } from '../dialog';

// Units withdrawn here or on another laptop: out of every list and count, never out of sight.
// A button in the worklist's toolbar says how many there are and lists them with who withdrew
// each, when and why.

export function WithdrawnUnits({ reloadKey }: { reloadKey: unknown }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const withdrawn = useCall('units:withdrawn', undefined, { reloadKey });
  const rows: WithdrawnUnit[] = withdrawn.value ?? [];
  const { error } = withdrawn;
  const [isOpen, setIsOpen] = useState(false);

  if (rows.length === 0 && !error) return null;
  return (
    <>
      <button type="button" className="button button--secondary" data-testid="withdrawn-open" onClick={() => setIsOpen(true)}>
        {t('registration.withdrawn.open', { n: formatCount(rows.length, language) })}
      </button>
      {error && !isOpen ? <ErrorNotice error={error} /> : null}
      {isOpen ? (
        <Dialog title={t('registration.withdrawn.title')} testId="withdrawn-dialog" onClose={() => setIsOpen(false)} isWide>
          <p className="muted">{t('registration.withdrawn.body')}</p>
          <table className="data-table withdrawn-table" data-testid="withdrawn-table">
            <thead>
              <tr>
                <th scope="col">{t('registration.list.name')}</th>
                <th scope="col">{t('registration.list.area')}</th>
                <th scope="col">{t('registration.withdrawn.when')}</th>
                <th scope="col">{t('registration.withdrawn.by')}</th>
                <th scope="col">{t('registration.withdrawn.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((u) => (
                <tr key={u.id} data-testid={`withdrawn-${u.id}`}>
                  <th scope="row">
                    {u.name}
                    <div className="mono muted">{u.uscc}</div>
                  </th>
                  <td className="mono">{u.areaCode}</td>
                  <td>{formatDateTime(u.withdrawnAt, language)}</td>
                  <td>{u.by}</td>
                  <td>{u.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="dialog__close">
            <button type="button" className="button button--secondary" onClick={() => setIsOpen(false)}>
              {t('registration.close')}
            </button>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}
