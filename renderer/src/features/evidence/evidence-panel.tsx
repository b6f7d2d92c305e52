import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvidenceItem } from '@shared/ledger/wire';
import { useLanguage } from '../../app/store';
import { ErrorNotice } from '../../components/error-notice';
import { formatDateTime } from '../../lib/format';
import { useEnterprise } from '../directory/enterprise/enterprise-store';
import { EvidenceViewer } from './evidence-viewer';
import { FiguresText } from './figures-text';

// The enterprise's original records 原始记录 for the year shown (and those tied to no figure,
// such as the licence), newest first.

export function EvidencePanel({ year, onChanged }: { year: number; onChanged(): void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const evidence = useEnterprise((s) => s.evidence);
  const reloadEvidence = useEnterprise((s) => s.reloadEvidence);
  const [open, setOpen] = useState<EvidenceItem | null>(null);
  const items = (evidence.value ?? [])
    .filter((e) => e.figures.length === 0 || e.figures.some((f) => f.year === year))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  return (
    <section className="panel evidence-panel" aria-labelledby="evidence-title" data-testid="evidence-panel">
      <h2 className="panel__title" id="evidence-title">
        {t('directory.evidence.title', { year })}
      </h2>
      {evidence.error ? <ErrorNotice error={evidence.error} onRetry={() => void reloadEvidence()} /> : null}
      {items.length === 0 ? (
        <p className="muted" data-testid="evidence-none">
          {t('directory.evidence.none')}
        </p>
      ) : (
        <ul className="evidence-list">
          {items.map((item) => (
            <li key={item.id} className="evidence-list__item" data-testid={`evidence-item-${item.id}`}>
              <button type="button" className="evidence-list__open" data-testid="evidence-open" onClick={() => setOpen(item)}>
                {item.fileName}
              </button>
              <span className="evidence-list__kind">{t(`directory.evidence.kinds.${item.kind}`)}</span>
              {item.isAvailable ? null : <span className="badge badge--warn">{t('directory.evidence.pending')}</span>}
              <span className="evidence-list__note">{item.note}</span>
              <span className="evidence-list__figures">
                <FiguresText figures={item.figures} />
              </span>
              <span className="muted evidence-list__by">
                {item.createdBy} · {formatDateTime(item.createdAt, language)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {open ? (
        <EvidenceViewer
          item={open}
          onClose={() => setOpen(null)}
          onRemoved={() => {
            setOpen(null);
            void reloadEvidence();
            onChanged();
          }}
        />
      ) : null}
    </section>
  );
}
