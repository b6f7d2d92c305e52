import type { ReactNode } from 'react';

interface Props {
  title: string;
  testId: string;
  children: ReactNode;
}

export function Page({ title, testId, children }: Props) {
  return (
    <div className="page" data-testid={testId}>
      <h1 className="page__title">{title}</h1>
      {children}
    </div>
  );
}
