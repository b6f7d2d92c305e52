import { useTranslation } from 'react-i18next';
import type { AnalysisReport } from '@shared/analysis/analysis';
import { flagWords, lineWords, percentCell, periodWords, type Words } from '@shared/analysis/tables';
import { formatTenths } from '@shared/analysis/targets';
import { indicatorDef } from '@shared/ledger/indicators';
import { formatIndicatorValue } from '@shared/ledger/indicator-values';
import type { Language } from '@shared/session/settings';
import { formatDateTime } from '../../lib/format';

// The printed analysis a leader reads: the headline figures of every line with growth and
// target, the townships' growth and 位次 line by line, and what needs attention (below target,
// declining, months missing). Hidden on screen; window.print() shows it alone (analysis.css).

const value = (line: AnalysisReport['lines'][number], v: number | null): string => (v === null ? '—' : formatIndicatorValue(indicatorDef(line.indicator), v));

export function AnalysisPrint({ report, language }: { report: AnalysisReport; language: Language }) {
  const { t } = useTranslation();
  const w = (words: Words) => (language === 'en' ? words.en : words.zh);
  const lines = report.lines.filter((l) => l.total.all.ytd.value !== null || l.total.all.ytdLast.value !== null);
  const attention = lines.flatMap((l) =>
    [l.total, ...l.townships].filter((r) => r.flags.length > 0).map((r) => ({ key: `${l.key}|${r.key}`, text: `${r.name} · ${w(lineWords(l))}${w({ zh: '：', en: ': ' })}${r.flags.map((f) => w(flagWords[f])).join(w({ zh: '、', en: ', ' }))}${w({ zh: '（', en: ' (' })}${percentCell(r.all.ytdGrowth).text}%${r.targetTenths === null ? '' : ` / ${formatTenths(r.targetTenths)}%`}${w({ zh: '）', en: ')' })}` })),
  );
  return (
    <section className="ana-print" data-testid="ana-print">
      <header className="ana-print__head">
        <h2>{t('analysis.printDoc.title', { area: report.area.name, period: w(periodWords(report)) })}</h2>
        <p>{t('analysis.printDoc.asOf', { time: formatDateTime(new Date().toISOString(), language) })}</p>
      </header>
      <table className="data-table ana-print__table" data-testid="ana-print-headlines">
        <caption>{t('analysis.printDoc.headlines')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('analysis.printDoc.indicator')}</th>
            <th scope="col">{report.period.kind === 'month' ? t('analysis.month') : t('analysis.quarter')}</th>
            <th scope="col">{t('analysis.ytd', { month: report.to })}</th>
            <th scope="col">{t('analysis.growth')}</th>
            <th scope="col">{t('analysis.target')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.key} className={l.total.flags.length > 0 ? 'ana-print__flag' : undefined}>
              <th scope="row">{w(lineWords(l))}</th>
              <td className="ana-num">{value(l, l.total.all.period.value)}</td>
              <td className="ana-num">{value(l, l.total.all.ytd.value)}</td>
              <td className="ana-num">{percentCell(l.total.all.ytdGrowth).text}</td>
              <td className="ana-num">{l.total.targetTenths === null ? '—' : formatTenths(l.total.targetTenths)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.area.isDistrict && lines.length > 0 ? (
        <table className="data-table ana-print__table" data-testid="ana-print-ranks">
          <caption>{t('analysis.printDoc.ranking')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('analysis.printDoc.indicator')}</th>
              {report.townships.map((tw) => (
                <th key={tw.code} scope="col">
                  {tw.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.key}>
                <th scope="row">{w(lineWords(l))}</th>
                {report.townships.map((tw) => {
                  const r = l.townships.find((x) => x.key === tw.code);
                  const g = percentCell(r?.all.ytdGrowth ?? null).text;
                  return (
                    <td key={tw.code} className={`ana-num${r && r.flags.length > 0 ? ' ana-print__flag' : ''}`}>
                      {g}
                      {r?.rank ? ` (${r.rank.rank}${r.rank.isTied ? '=' : ''})` : ''}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <h3>{t('analysis.printDoc.flags')}</h3>
      {attention.length === 0 ? (
        <p>{t('analysis.printDoc.noFlags')}</p>
      ) : (
        <ul data-testid="ana-print-flags">
          {attention.map((a) => (
            <li key={a.key}>{a.text}</li>
          ))}
        </ul>
      )}
      <footer className="ana-print__sign">
        <span>{t('analysis.printDoc.sign')}</span>
        <span>{t('analysis.printDoc.date')}</span>
      </footer>
    </section>
  );
}
