import { useTranslation } from 'react-i18next';
import { exitReasons } from '@shared/followup/work';
import { indicatorDef } from '@shared/ledger/indicators';
import { checkKeys, checkResults, conclusionResults, figureKeys, signatureRoles } from '@shared/verification/sync-fields';
import type { TaskDetail } from '@shared/verification/wire';
import { useLanguage } from '../../app/store';
import { colon, formatCount, formatDateTime, joinClauses, joinList } from '../../lib/format';

// Every step of the task, oldest first, with who and when: it comes with the task on every
// laptop. A step's codes (which item, which result, which figures) are worded here in the
// reader's language; what a person wrote is shown as written.

type Step = TaskDetail['history'][number];

const isOneOf = <T extends string>(list: readonly T[], v: string | undefined): v is T => v !== undefined && (list as readonly string[]).includes(v);

function useStepText() {
  const { t } = useTranslation();
  const language = useLanguage();
  const num = (v: string) => (v === '' ? '—' : formatCount(Number(v), language));
  return (h: Step): string => {
    const [a, b] = h.ref;
    const parts: string[] = [];
    switch (h.kind) {
      case 'check':
        if (isOneOf(checkKeys, a)) parts.push(`${t(`verification.task.checklist.items.${a}`)}${colon(language)}${t(`verification.task.checklist.results.${isOneOf(checkResults, b) ? b : ''}`)}`);
        break;
      case 'figure':
        parts.push(
          ...h.ref.flatMap((r) => {
            const [key, reported = '', found = ''] = r.split(':');
            if (!isOneOf(figureKeys, key)) return [];
            const def = indicatorDef(key);
            return [`${language === 'en' ? def.en : def.zh} ${num(reported)} → ${num(found)}`];
          }),
        );
        break;
      case 'conclude':
        parts.push(isOneOf(conclusionResults, a) ? t(`verification.conclusions.${a}`) : t('verification.task.conclusion.clear'));
        break;
      case 'sign':
        if (isOneOf(signatureRoles, a)) parts.push(t(`verification.task.signatures.${a}`));
        break;
      case 'evidence':
        if (isOneOf(checkKeys, a)) parts.push(t(`verification.task.checklist.items.${a}`));
        break;
      case 'propose':
        parts.push(joinList(h.ref.filter((r) => isOneOf(exitReasons, r)).map((r) => t(`directory.exits.reason.${r}`)), language));
        break;
      case 'remove':
        if (a) parts.push(`${t('verification.task.exit.date')}${colon(language)}${a}`);
        break;
      default:
        break;
    }
    if (h.detail !== '') parts.push(h.detail);
    return joinClauses(parts.filter((p) => p !== ''), language);
  };
}

export function TaskHistory({ task }: { task: TaskDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const text = useStepText();
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
                <td>{text(h)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
