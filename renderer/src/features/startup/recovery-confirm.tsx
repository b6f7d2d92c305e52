import { useTranslation } from 'react-i18next';
import type { BackupView } from '@shared/startup/startup';
import { Dialog } from '../registration/dialog';

export type RecoveryChoice = { kind: 'restore'; backup: BackupView } | { kind: 'empty' };

interface Props {
  choice: RecoveryChoice;
  isBusy: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/** The step between choosing and doing: what will happen to the damaged file and to the data. */
export function RecoveryConfirm({ choice, isBusy, onConfirm, onCancel }: Props) {
  const { t, i18n } = useTranslation();
  const isRestore = choice.kind === 'restore';
  return (
    <Dialog
      title={isRestore ? t('startup.restore.confirmTitle') : t('startup.startEmpty.confirmTitle')}
      testId="startup-confirm"
      onClose={onCancel}
    >
      <p>
        {isRestore
          ? t('startup.restore.confirmBody', {
              when: new Date(choice.backup.takenAt).toLocaleString(i18n.language),
              kind: t(`startup.backups.kinds.${choice.backup.kind}`),
            })
          : t('startup.startEmpty.confirmBody')}
      </p>
      <p className="muted">{isRestore ? t('startup.restore.note') : t('startup.startEmpty.loss')}</p>
      <div className="startup__actions">
        <button type="button" className="button button--secondary" data-testid="startup-cancel" onClick={onCancel}>
          {t('startup.cancel')}
        </button>
        <button
          type="button"
          className="button button--primary"
          data-testid="startup-confirm-action"
          disabled={isBusy}
          onClick={onConfirm}
        >
          {isBusy ? t('startup.working') : isRestore ? t('startup.restore.confirm') : t('startup.startEmpty.confirm')}
        </button>
      </div>
    </Dialog>
  );
}
