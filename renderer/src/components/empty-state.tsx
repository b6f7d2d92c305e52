import type { ReactNode } from 'react';

interface Props {
  title: string;
  body?: string;
  testId: string;
  children?: ReactNode;
}

/** What a page says when there is honestly nothing to show yet. */
export function EmptyState({ title, body, testId, children }: Props) {
  return (
    <section className="empty-state" data-testid={testId}>
      <h2 className="empty-state__title">{title}</h2>
      {body ? <p className="empty-state__body">{body}</p> : null}
      {children}
    </section>
  );
}
