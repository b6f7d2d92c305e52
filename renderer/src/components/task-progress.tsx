import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskKind, TaskProgress } from '@shared/tasks/tasks';
import { useLanguage } from '../app/store';
import { call } from '../lib/api';
import { formatCount } from '../lib/format';

// A count and a bar for long work while the call that started it is in flight: an import
// (rows checked, rows written of the total), the national division codes, a sync (units
// received of the total on a first sync). Main keeps the counts (tasks:progress); this asks
// a few times a second, and only while `isActive`.

const POLL_MS = 250;

/** Asks for `kind`'s progress for as long as the calling component is mounted. */
export function useTaskProgress(kind: TaskKind): TaskProgress | null {
  const [progress, setProgress] = useState<TaskProgress | null>(null);
  useEffect(() => {
    let isCurrent = true;
    let timer: number | undefined;
    const ask = async () => {
      const result = await call('tasks:progress', { kind });
      if (!isCurrent) return;
      // A failed ask leaves the last count up; the work's own call reports real failures.
      if (result.ok) setProgress(result.value);
      timer = window.setTimeout(() => void ask(), POLL_MS);
    };
    void ask();
    return () => {
      isCurrent = false;
      window.clearTimeout(timer);
    };
  }, [kind]);
  return progress;
}

type Words = 'rows' | 'divisions' | 'entities';
const wordsOf: Record<TaskKind, Words> = { frameImport: 'rows', directoryImport: 'rows', divisions: 'divisions', sync: 'entities' };

interface LineProps {
  kind: TaskKind;
  /** Shown until main has a count (and when it has none). */
  idleText: string;
  testId: string;
}

/** The count while `isActive`; mounted afresh each time, so a finished task's count never shows. */
export function TaskProgressLine({ isActive, ...props }: LineProps & { isActive: boolean }) {
  return isActive ? <ActiveProgress {...props} /> : null;
}

function ActiveProgress({ kind, idleText, testId }: LineProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const progress = useTaskProgress(kind);
  const n = (v: number) => formatCount(v, language);
  const words = wordsOf[kind];
  let text = idleText;
  if (progress) {
    const { phase, done, total } = progress;
    text =
      total === null
        ? t(`tasks.${phase}Open`, { done: n(done), words: t(`tasks.words.${words}`) })
        : t(`tasks.${phase}`, { done: n(done), total: n(total), words: t(`tasks.words.${words}`) });
  }
  const hasBar = progress !== null && progress.total !== null && progress.total > 0;
  return (
    <div className="task-progress" role="status" data-testid={testId} data-phase={progress?.phase ?? ''}>
      {hasBar ? <progress className="task-progress__bar" max={progress.total ?? 1} value={progress.done} /> : <progress className="task-progress__bar" />}
      <span className="task-progress__text" data-testid={`${testId}-text`}>
        {text}
      </span>
    </div>
  );
}
