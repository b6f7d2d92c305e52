import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { indicatorDef, type IndicatorKey } from '@shared/ledger/indicators';
import { evidenceKinds, type EvidenceItem, type EvidenceKind } from '@shared/ledger/wire';
import type { AppErrorShape } from '@shared/result';
import { useLanguage } from '../../app/store';
import { ErrorNotice } from '../../components/error-notice';
import { call } from '../../lib/api';
import { Dialog } from '../registration/dialog';
import { fileToBase64 } from '../../lib/file-bytes';

// Attaching an original record 原始记录 (a photo of a voucher, a PDF of the VAT return, the
// payroll spreadsheet) with a note on what it shows, to one or more figures of one month.

const MAX_BYTES = 10 * 1024 * 1024;
export const EVIDENCE_ACCEPT = 'image/png,image/jpeg,application/pdf,.pdf,.xlsx,.xls,.csv';

const mimeByExtension: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xls: 'application/vnd.ms-excel',
  csv: 'text/csv',
};

/** The browser's type, or one from the extension (some systems give spreadsheets none). */
export function mimeOf(file: File): string {
  if (file.type) return file.type;
  return mimeByExtension[file.name.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}

interface Props {
  enterpriseId: string;
  year: number;
  month: number;
  /** Indicators the ledger shows; the ones ticked at first are `preselected`. None: the file
   * backs no figure (a licence, a pledge) and the figure picker is not shown. */
  indicators: readonly IndicatorKey[];
  preselected: readonly IndicatorKey[];
  defaultKind?: EvidenceKind;
  onClose(): void;
  onAttached(item: EvidenceItem): void;
}

export function AttachDialog(p: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<EvidenceKind>(p.defaultKind ?? 'voucher');
  const [note, setNote] = useState('');
  const [month, setMonth] = useState(p.month);
  const [chosen, setChosen] = useState<IndicatorKey[]>([...p.preselected]);
  const [problem, setProblem] = useState<'file' | 'tooBig' | 'note' | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const toggle = (key: IndicatorKey) => setChosen((c) => (c.includes(key) ? c.filter((k) => k !== key) : [...c, key]));

  const submit = async () => {
    setError(null);
    if (!file) return setProblem('file');
    if (file.size > MAX_BYTES) return setProblem('tooBig');
    if (!note.trim()) return setProblem('note');
    setProblem(null);
    setIsBusy(true);
    const result = await call('evidence:attach', {
      enterpriseId: p.enterpriseId,
      fileName: file.name,
      mimeType: mimeOf(file),
      contentBase64: await fileToBase64(file),
      kind,
      note: note.trim(),
      figures: chosen.map((indicator) => ({ year: p.year, month, indicator })),
    });
    setIsBusy(false);
    if (result.ok) p.onAttached(result.value);
    else setError(result.error);
  };

  return (
    <Dialog title={t('directory.evidence.attachTitle')} testId="evidence-attach-dialog" onClose={p.onClose}>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="field">
          <label className="field__label" htmlFor="evidence-file">
            {t('directory.evidence.file')}
          </label>
          <input id="evidence-file" type="file" accept={EVIDENCE_ACCEPT} data-testid="evidence-file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          <p className="field__hint">{t('directory.evidence.fileHint')}</p>
          {problem === 'file' ? <p className="field__error">{t('directory.evidence.needFile')}</p> : null}
          {problem === 'tooBig' ? <p className="field__error">{t('directory.evidence.tooBig')}</p> : null}
        </div>
        <label className="field">
          <span className="field__label">{t('directory.evidence.kind')}</span>
          <select className="field__input field__input--select" data-testid="evidence-kind" value={kind} onChange={(e) => setKind(evidenceKinds.find((k) => k === e.target.value) ?? 'other')}>
            {evidenceKinds.map((k) => (
              <option key={k} value={k}>
                {t(`directory.evidence.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('directory.evidence.note')}</span>
          <textarea className="field__input dir-textarea" data-testid="evidence-note" rows={2} maxLength={500} value={note} placeholder={t('directory.evidence.notePlaceholder')} onChange={(e) => setNote(e.target.value)} />
          {problem === 'note' ? <p className="field__error">{t('directory.evidence.needNote')}</p> : null}
        </label>
        {p.indicators.length > 0 ? (
          <fieldset className="dir-fieldset">
            <legend className="field__label">{t('directory.evidence.figures')}</legend>
            <label className="dir-inline">
              {t('directory.ledger.month')}
              <select className="field__input field__input--select" data-testid="evidence-month" value={month} onChange={(e) => setMonth(Number(e.target.value))}>
                {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
                  <option key={m} value={m}>
                    {t('directory.ledger.monthName', { month: m })}
                  </option>
                ))}
              </select>
            </label>
            <div className="dir-checks">
              {p.indicators.map((key) => (
                <label key={key} className="checkbox">
                  <input type="checkbox" data-testid={`evidence-figure-${key}`} checked={chosen.includes(key)} onChange={() => toggle(key)} />{' '}
                  {language === 'en' ? indicatorDef(key).en : indicatorDef(key).zh}
                </label>
              ))}
            </div>
            <p className="field__hint">{t('directory.evidence.figuresHint')}</p>
          </fieldset>
        ) : null}
        {error ? <ErrorNotice error={error} title={t('directory.evidence.attachFailed')} /> : null}
        <div className="form__actions">
          <button type="submit" className="button button--primary" data-testid="evidence-attach-confirm" disabled={isBusy}>
            {isBusy ? t('directory.evidence.attaching') : t('directory.evidence.attach')}
          </button>
          <button type="button" className="button button--secondary" onClick={p.onClose}>
            {t('directory.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
