import type { ReactNode } from 'react';

interface Props {
  title: string;
  testId: string;
  children: ReactNode;
  /** The window's width rather than the reading width (tables with many columns). */
  isWide?: boolean;
}

export function Page({ title, testId, children, isWide = false }: Props) {
  return (
    <div className={isWide ? 'page page--wide' : 'page'} data-testid={testId}>
      <h1 className="page__title">{title}</h1>
      {children}
    </div>
  );
}
