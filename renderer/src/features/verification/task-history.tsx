import { useTranslation } from 'react-i18next';
import type { TaskDetail } from '@shared/verification/wire';
import { useLanguage } from '../../app/store';
import { formatDateTime } from '../../lib/format';

/** Every step of the task, oldest first, with who and when: it comes with the task on every laptop. */
export function TaskHistory({ task }: { task: TaskDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <section className="panel verification-wide" aria-labelledby="verification-history-title" data-testid="verification-history">
      <h3 className="panel__title" id="verification-history-title">
        {t('verification.task.history.title')}
      </h3>
      {task.history.length === 0 ? (
        <p className="muted">{t('verification.task.history.none')}</p>
      ) : (
        <table className="data-table verification-history">
          <tbody>
            {task.history.map((h) => (
              <tr key={h.id} data-testid="verification-history-row" data-kind={h.kind}>
                <td className="verification-history__when">{formatDateTime(h.at, language)}</td>
                <td>{h.by}</td>
                <th scope="row">{t(`verification.task.steps.${h.kind}`)}</th>
                <td>{h.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
