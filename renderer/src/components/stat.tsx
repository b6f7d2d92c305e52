interface Props {
  label: string;
  value: string;
  testId: string;
}

/** One headline figure: a label and its value, as a description-list pair. */
export function Stat({ label, value, testId }: Props) {
  return (
    <div className="stat">
      <dt className="stat__label">{label}</dt>
      <dd className="stat__value" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
