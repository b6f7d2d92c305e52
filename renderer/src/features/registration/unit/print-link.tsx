import { useTranslation } from 'react-i18next';
import { subHref } from '../../../app/router';
import { useUnitSession } from './session-store';

/** 打印 611: the filled form as a page to sign. What is typed is saved first, so the page prints it. */
export function PrintLink({ unitId, isIndividual }: { unitId: string; isIndividual: boolean }) {
  const { t } = useTranslation();
  const flush = useUnitSession((s) => s.flush);
  const href = subHref('registration', 'unit', unitId, 'print');
  return (
    <a
      href={href}
      className="button button--secondary button--small"
      data-testid="unit-print"
      onClick={(e) => {
        e.preventDefault();
        void flush().then(() => {
          window.location.hash = href;
        });
      }}
    >
      {t(isIndividual ? 'registration.print.openIndividual' : 'registration.print.open')}
    </a>
  );
}
