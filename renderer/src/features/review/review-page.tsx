import { useTranslation } from 'react-i18next';
import { subHref, useSubPath } from '../../app/router';
import { ErrorNotice } from '../../components/error-notice';
import { ConflictsPage } from './conflicts/conflicts-page';
import { MyReturnedUnits } from './queue/my-returned';
import { QueuePage } from './queue/queue-page';
import { useSession } from './session-role';
import { ReviewUnitPage } from './unit/review-unit-page';

// #/review                 the review queue (supervisor: submitted units; bureau: approved ones)
// #/review/unit/<id>       one unit, read-only, with comments beside items and the decision
// #/review/conflicts       same-field conflicts from sync, to resolve
// An enumerator (or a laptop never signed in) sees the units sent back to them instead of a queue.

const sections = ['queue', 'conflicts'] as const;
type Section = (typeof sections)[number];

function SectionNav({ current }: { current: Section }) {
  const { t } = useTranslation();
  return (
    <nav className="dir-sections" aria-label={t('review.sections.label')}>
      {sections.map((s) => (
        <a
          key={s}
          className="dir-sections__link"
          href={s === 'queue' ? subHref('review') : subHref('review', s)}
          aria-current={s === current ? 'page' : undefined}
          data-testid={`review-section-${s}`}
        >
          {t(`review.sections.${s}`)}
        </a>
      ))}
    </nav>
  );
}

export function ReviewPage() {
  const { t } = useTranslation();
  const sub = useSubPath().split('/');
  const session = useSession();
  if (sub[0] === 'unit' && sub[1]) return <ReviewUnitPage key={sub[1]} id={sub[1]} />;

  const section: Section = sub[0] === 'conflicts' ? 'conflicts' : 'queue';
  const value = session.value;
  const reviews = value !== null && (value.permissions.includes('review.supervise') || value.permissions.includes('review.accept'));
  return (
    <div className="page page--wide" data-testid="page-review">
      <div className="review-title-row">
        <h1 className="page__title">{t('review.title')}</h1>
        {value ? (
          <p className="role-tag" data-testid="review-role" data-role={value.role}>
            {t('review.signedInAs', { name: value.userName || t('review.noName'), role: t(`review.roles.${value.role}`) })}
          </p>
        ) : null}
      </div>
      <SectionNav current={section} />
      {session.error ? <ErrorNotice error={session.error} onRetry={() => void session.refresh()} /> : null}
      {!value ? (
        session.isLoading ? (
          <p className="muted" role="status">
            {t('app.loading')}
          </p>
        ) : null
      ) : section === 'conflicts' ? (
        <ConflictsPage canResolve={value.permissions.includes('conflicts.resolve')} />
      ) : reviews ? (
        <QueuePage role={value.role} />
      ) : (
        <MyReturnedUnits isLocal={value.isLocal} />
      )}
    </div>
  );
}
