import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../../../shared/result';
import { unitKinds, type UnitKind } from '../../../../../shared/units';
import { subHref } from '../../../app/router';
import { ErrorNotice } from '../../../components/error-notice';
import { call } from '../../../lib/api';
import { Dialog } from '../dialog';
import { normaliseInput } from '../../../../../shared/text/normalise';

// Adding a unit found in the field (not in the listing frame): its 普查小区, kind and name;
// everything else is registered on its form. Nothing is prefilled that the enumerator did not type.

const AREA = /^\d{15}$/;

export function AddUnit({ areas, defaultArea, onClose }: { areas: readonly string[]; defaultArea: string; onClose(): void }) {
  const { t } = useTranslation();
  const [area, setArea] = useState(defaultArea.length === 15 ? defaultArea : (areas[0] ?? ''));
  const [kind, setKind] = useState<UnitKind>('legal');
  const [name, setName] = useState('');
  const [uscc, setUscc] = useState('');
  const [address, setAddress] = useState('');
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const isAreaValid = AREA.test(area);
  const canCreate = isAreaValid && name.trim() !== '' && !isBusy;

  const create = async () => {
    setIsBusy(true);
    setError(null);
    const result = await call('units:create', {
      areaCode: area,
      kind,
      name: name.trim(),
      ...(uscc.trim() ? { uscc: uscc.trim() } : {}),
      ...(address.trim() ? { address: address.trim() } : {}),
    });
    setIsBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    onClose();
    window.location.hash = subHref('registration', 'unit', result.value.id);
  };

  return (
    <Dialog title={t('registration.add.title')} testId="add-dialog" onClose={onClose}>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (canCreate) void create();
        }}
      >
        <div className="field">
          <label className="field__label" htmlFor="add-area">
            {t('registration.add.area')}
          </label>
          <input
            id="add-area"
            className="field__input mono"
            data-testid="add-area"
            list="add-area-options"
            inputMode="numeric"
            maxLength={15}
            autoComplete="off"
            value={area}
            aria-invalid={area !== '' && !isAreaValid ? true : undefined}
            onChange={(e) => setArea(normaliseInput(e.target.value, 'code'))}
          />
          <datalist id="add-area-options">
            {areas.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
          <p className="field__hint">{t('registration.add.areaHint')}</p>
        </div>
        <fieldset className="field fieldset">
          <legend className="field__label">{t('registration.add.kind')}</legend>
          {unitKinds.map((k) => (
            <label key={k} className="radio">
              <input type="radio" name="add-kind" value={k} data-testid={`add-kind-${k}`} checked={kind === k} onChange={() => setKind(k)} />{' '}
              {t(`registration.kinds.${k}`)}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label className="field__label" htmlFor="add-name">
            {t('registration.add.name')}
          </label>
          <input id="add-name" className="field__input" data-testid="add-name" maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="add-uscc">
            {t('registration.add.uscc')}
          </label>
          <input
            id="add-uscc"
            className="field__input mono"
            data-testid="add-uscc"
            maxLength={18}
            autoComplete="off"
            value={uscc}
            onChange={(e) => setUscc(normaliseInput(e.target.value, 'code').toUpperCase())}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="add-address">
            {t('registration.add.address')}
          </label>
          <input id="add-address" className="field__input" data-testid="add-address" maxLength={200} value={address} onChange={(e) => setAddress(e.target.value)} />
        </div>
        {error ? <ErrorNotice error={error} /> : null}
        <div className="form__actions">
          <button type="submit" className="button button--primary" data-testid="add-confirm" disabled={!canCreate}>
            {t('registration.add.confirm')}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('registration.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
