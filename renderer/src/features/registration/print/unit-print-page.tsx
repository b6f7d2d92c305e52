import { useMemo, useState } from 'react';
import { usePack, usePackError } from '../../forms/packs-store';
import { useTranslation } from 'react-i18next';
import type { FormValues } from '@shared/forms';
import { hasAnswers, printSections, signOffOf, type PrintSection } from '@shared/forms/print';
import { primaryFormId, unitFormIds } from '@shared/forms/unit-forms';
import { subHref } from '../../../app/router';
import { useLanguage } from '../../../app/store';
import { ErrorNotice } from '../../../components/error-notice';
import { formatDateTime } from '../../../lib/format';
import { useCall } from '../../../lib/use-call';
import { FormSheet } from './form-sheet';
import { useDivisionNames } from '../division-names';

// The filled registration form as a page for the unit to check and sign
// (#/registration/unit/<id>/print): the 611 (or the individual form) and each detail table the
// unit filled, laid out like the printed 表式, then the 单位负责人 / 统计负责人 / 填表人 lines,
// 联系电话 and 报出日期. window.print() puts only the sheet on A4 (registration-print.css).
// What is stored is what prints: unsaved screen edits were saved before coming here
// (print-link.tsx), and listing-frame offers that were never confirmed print blank.

interface Sheet {
  formId: string;
  title: string;
  sections: PrintSection[];
}

const divisionCodesOf = (sheets: readonly Sheet[]): string[] =>
  sheets.flatMap((s) =>
    s.sections.flatMap((section) =>
      section.kind === 'items'
        ? section.rows.flatMap((r) => (r.divisionCode ? [r.divisionCode] : []))
        : section.rows.flatMap((cells) => cells.flatMap((c) => (c.divisionCode ? [c.divisionCode] : []))),
    ),
  );

export function UnitPrintPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const lang = language === 'en' ? 'en' : 'zh';
  const unit = useCall('units:get', { id });
  const [printedAt] = useState(() => new Date().toISOString());

  const detail = unit.value;
  const pack = usePack(detail?.formPack);
  const packError = usePackError(detail?.formPack);
  const sheets = useMemo((): Sheet[] => {
    if (!detail || !pack) return [];
    const forms = detail.forms as Record<string, FormValues>;
    const primary = primaryFormId(detail.kind);
    return unitFormIds(pack, detail.kind, forms)
      .filter((formId) => formId === primary || hasAnswers(forms[formId]))
      .flatMap((formId) => {
        const spec = pack.form(formId);
        if (!spec) return [];
        const title = `${lang === 'en' ? `Form ${formId}` : (spec.printedNo ?? '')} ${lang === 'en' ? spec.titleEn : spec.titleZh}`.trim();
        // The sign-off goes under the last table, as on paper.
        return [{ formId, title, sections: printSections(spec, forms[formId] ?? {}, lang, pack.findCode, ['signOff']) }];
      });
  }, [detail, lang, pack]);
  const divisionName = useDivisionNames(divisionCodesOf(sheets));

  if (unit.error && !detail) return <ErrorNotice error={unit.error} onRetry={unit.refetch} />;
  if (packError) return <ErrorNotice error={packError} onRetry={unit.refetch} />;
  if (!detail || !pack) {
    return (
      <p className="muted" role="status">
        {t('app.loading')}
      </p>
    );
  }

  const primary = primaryFormId(detail.kind);
  const spec = pack.form(primary);
  const values = (detail.forms[primary] ?? {}) as FormValues;
  const sign = spec ? signOffOf(spec, values, lang, pack.findCode) : {};
  const signValue = (code: string) => sign[code] ?? '';
  const text = (code: string) => (typeof values[code] === 'string' ? String(values[code]) : '');
  const isFinal = detail.status === 'submitted' || detail.status === 'approved' || detail.status === 'accepted';

  return (
    <div className="print-page" data-testid="unit-print-page">
      <div className="print-page__bar">
        <a href={subHref('registration', 'unit', detail.id)} data-testid="print-back">
          {t('registration.print.back')}
        </a>
        <button type="button" className="button button--primary" data-testid="print-now" onClick={() => window.print()}>
          {t('registration.print.print')}
        </button>
        <p className="muted">{t('registration.print.hint')}</p>
      </div>
      {!isFinal ? (
        <p className="notice notice--warn print-page__draft" data-testid="print-draft-note">
          {t('registration.print.notSubmitted', { status: t(`unitStatus.${detail.status}`) })}
        </p>
      ) : null}
      <article className="form-print" data-testid="form-print" lang={language}>
        <header className="form-print__head">
          <p className="form-print__census">{t('registration.print.census')}</p>
          <h1 className="form-print__title" data-testid="print-title">
            {spec ? (lang === 'en' ? spec.titleEn : spec.titleZh) : primary}
          </h1>
          <div className="form-print__meta">
            <p>
              {t('registration.print.tableNo')}
              {spec?.printedNo ?? '—'}
            </p>
            <p>{t('registration.print.moneyUnit')}</p>
          </div>
          <dl className="form-print__ids">
            <div className="form-print__ids-name">
              <dt>{t('registration.print.name')}</dt>
              <dd data-testid="print-name">{text('name')}</dd>
            </div>
            <div>
              <dt>{t('registration.print.uscc')}</dt>
              <dd className="mono" data-testid="print-uscc">
                {text('uscc')}
              </dd>
            </div>
            <div>
              <dt>{t('registration.print.area')}</dt>
              <dd className="mono">{detail.areaCode}</dd>
            </div>
          </dl>
        </header>
        {sheets.map((sheet, i) => (
          <FormSheet
            key={sheet.formId}
            formId={sheet.formId}
            {...(i === 0 ? {} : { title: sheet.title })}
            sections={sheet.sections}
            divisionName={divisionName}
          />
        ))}
        <footer className="form-print__sign" data-testid="print-sign">
          {(['unitHead', 'statHead', 'filler'] as const).map((code) =>
            code in sign ? (
              <p key={code} className="form-print__sign-line" data-testid={`print-sign-${code}`}>
                <span className="form-print__sign-label">{t(`registration.print.sign.${code}`)}</span>
                <span className="form-print__sign-name">{signValue(code)}</span>
                <span className="form-print__sign-here">{t('registration.print.signature')}</span>
              </p>
            ) : null,
          )}
          <p className="form-print__sign-line" data-testid="print-sign-phone">
            <span className="form-print__sign-label">{t('registration.print.sign.phone')}</span>
            <span className="form-print__sign-name">{signValue('fillerPhone') || (detail.kind === 'individual' ? text('phoneMobile') : '')}</span>
          </p>
          <p className="form-print__sign-line" data-testid="print-sign-date">
            <span className="form-print__sign-label">{t('registration.print.sign.date')}</span>
            <span className="form-print__sign-name">{signValue('filledDate')}</span>
          </p>
          <p className="form-print__seal">{t(detail.kind === 'individual' ? 'registration.print.operatorSeal' : 'registration.print.seal')}</p>
        </footer>
        <p className="form-print__printed">
          {t('registration.print.printedAt', { time: formatDateTime(printedAt, language), status: t(`unitStatus.${detail.status}`), version: detail.version })}
        </p>
      </article>
    </div>
  );
}
