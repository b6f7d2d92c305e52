import { useTranslation } from 'react-i18next';
import type { PrintRow, PrintSection } from '@shared/forms/print';

// One census table as printed: its sections as rows of 项目 / 代码 / 计量单位 / 填报内容, a
// repeating section (611-1) as a grid. Division codes print with the village's name where the
// store knows it.

interface Props {
  formId: string;
  /** 611表 单位基本情况; absent for the first table, whose title is the page's. */
  title?: string;
  sections: readonly PrintSection[];
  divisionName(code: string): string | undefined;
}

const withName = (value: string, code: string | undefined, name: string | undefined) => (code && name ? `${value} ${name}` : value);

function ItemRow({ row, divisionName, testId }: { row: PrintRow; divisionName: Props['divisionName']; testId: string }) {
  return (
    <tr data-testid={testId}>
      <th scope="row" className="form-print__label">
        {row.label}
      </th>
      <td className="form-print__code">{row.code}</td>
      <td className="form-print__unit">{row.unit}</td>
      <td className="form-print__value">{withName(row.value, row.divisionCode, row.divisionCode ? divisionName(row.divisionCode) : undefined)}</td>
    </tr>
  );
}

export function FormSheet({ formId, title, sections, divisionName }: Props) {
  const { t } = useTranslation();
  const items = sections.filter((s) => s.kind === 'items');
  const grids = sections.filter((s) => s.kind === 'grid');
  return (
    <section className="form-print__form" data-testid={`print-form-${formId}`}>
      {title ? <h2 className="form-print__form-title">{title}</h2> : null}
      {items.length > 0 ? (
        <table className="form-print__table">
          <colgroup>
            <col className="form-print__col-label" />
            <col className="form-print__col-code" />
            <col className="form-print__col-unit" />
            <col />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">{t('registration.print.item')}</th>
              <th scope="col">{t('registration.print.code')}</th>
              <th scope="col">{t('registration.print.unit')}</th>
              <th scope="col">{t('registration.print.value')}</th>
            </tr>
          </thead>
          {items.map((section) =>
            section.kind === 'items' ? (
              <tbody key={section.id} className="form-print__section">
                <tr className="form-print__section-row">
                  <th scope="rowgroup" colSpan={4}>
                    {section.title}
                  </th>
                </tr>
                {section.rows.map((row, i) => (
                  <ItemRow key={`${section.id}-${i}`} row={row} divisionName={divisionName} testId={`print-${formId}-${section.id}-${i}`} />
                ))}
              </tbody>
            ) : null,
          )}
        </table>
      ) : null}
      {grids.map((section) =>
        section.kind === 'grid' ? (
          <table key={section.id} className="form-print__table form-print__grid" data-testid={`print-grid-${formId}-${section.id}`}>
            <caption>{section.title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('registration.print.rowNo')}</th>
                {section.columns.map((c) => (
                  <th scope="col" key={c.label}>
                    {c.label}
                    {c.unit ? <span className="form-print__grid-unit">（{c.unit}）</span> : null}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {section.rows.length === 0 ? (
                <tr>
                  <td colSpan={section.columns.length + 1} className="form-print__none">
                    {t('registration.print.noRows')}
                  </td>
                </tr>
              ) : (
                section.rows.map((cells, r) => (
                  <tr key={r}>
                    <td className="form-print__code">{r + 1}</td>
                    {cells.map((c, i) => (
                      <td key={i}>{withName(c.value, c.divisionCode, c.divisionCode ? divisionName(c.divisionCode) : undefined)}</td>
                    ))}
                  </tr>
                ))
              )}
            </tbody>
          </table>
        ) : null,
      )}
    </section>
  );
}
