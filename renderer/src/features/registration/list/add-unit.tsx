import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitRef } from '@shared/registration/registration';
import type { AppErrorShape } from '@shared/result';
import { unitKinds, type UnitKind } from '@shared/registration/units';
import { subHref } from '../../../app/router';
import { ErrorNotice } from '../../../components/error-notice';
import { call } from '../../../lib/api';
import { Dialog } from '../dialog';
import { normaliseIdentifier } from '@shared/census/identifiers';
import { normaliseInput } from '@shared/text/normalise';

// Adding a unit found in the field (not in the listing frame): its 普查小区, kind and name;
// everything else is registered on its form. Nothing is prefilled that the enumerator did not type.
// A USCC this computer already holds is named first, with links to those units: the same unit
// is registered once, and main refuses to add it again until the user has seen them and says
// this is another unit (a branch sharing its parent's code, say).

const AREA = /^\d{15}$/;

/** Navigation by hash, outside the component (the React compiler keeps render code pure). */
const openHref = (href: string): void => {
  window.location.hash = href;
};

export function AddUnit({ areas, defaultArea, onClose }: { areas: readonly string[]; defaultArea: string; onClose(): void }) {
  const { t } = useTranslation();
  const [area, setArea] = useState(defaultArea.length === 15 ? defaultArea : (areas[0] ?? ''));
  const [kind, setKind] = useState<UnitKind>('legal');
  const [name, setName] = useState('');
  const [uscc, setUscc] = useState('');
  const [address, setAddress] = useState('');
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  /** Units holding the USCC as typed when they were looked up; null until looked up. */
  const [holders, setHolders] = useState<{ uscc: string; units: UnitRef[] } | null>(null);
  const isAreaValid = AREA.test(area);
  const canCreate = isAreaValid && name.trim() !== '' && !isBusy;
  const code = uscc.trim();
  const seen = holders !== null && holders.uscc === code ? holders.units : null;

  const create = async () => {
    setIsBusy(true);
    setError(null);
    if (code !== '' && seen === null) {
      // First press: look for the USCC; if units hold it, show them and wait for the user.
      const found = await call('units:sameUscc', { uscc: code });
      if (!found.ok) {
        setIsBusy(false);
        setError(found.error);
        return;
      }
      setHolders({ uscc: code, units: found.value });
      if (found.value.length > 0) {
        setIsBusy(false);
        return;
      }
    }
    const result = await call('units:create', {
      areaCode: area,
      kind,
      name: name.trim(),
      ...(code ? { uscc: code } : {}),
      ...(address.trim() ? { address: address.trim() } : {}),
      ...(seen && seen.length > 0 ? { duplicateOf: seen.map((u) => u.id) } : {}),
    });
    setIsBusy(false);
    if (!result.ok) {
      setError(result.error);
      // Another laptop's unit may have arrived meanwhile: look again on the next press.
      setHolders(null);
      return;
    }
    onClose();
    openHref(subHref('registration', 'unit', result.value.id));
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
            // Room for a code pasted with spaces or hyphens, which the normal form takes out.
            maxLength={40}
            autoComplete="off"
            value={uscc}
            onChange={(e) => setUscc(normaliseIdentifier(e.target.value))}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="add-address">
            {t('registration.add.address')}
          </label>
          <input id="add-address" className="field__input" data-testid="add-address" maxLength={200} value={address} onChange={(e) => setAddress(e.target.value)} />
        </div>
        {seen && seen.length > 0 ? (
          <div className="notice notice--warn" role="alert" data-testid="add-duplicates">
            <div className="notice__text">
            <p>{t('registration.add.duplicates', { uscc: code })}</p>
            <ul className="add-duplicates__list">
              {seen.map((u) => (
                <li key={u.id}>
                  <a href={subHref('registration', 'unit', u.id)} data-testid="add-duplicate-link" onClick={onClose}>
                    {u.name}
                  </a>{' '}
                  <span className="mono">{u.areaCode}</span> · {t(`registration.kinds.${u.kind}`)} · {t(`unitStatus.${u.status}`)}
                </li>
              ))}
            </ul>
            <p>{t('registration.add.duplicatesHint')}</p>
            </div>
          </div>
        ) : null}
        {error ? <ErrorNotice error={error} /> : null}
        <div className="form__actions">
          <button type="submit" className="button button--primary" data-testid="add-confirm" disabled={!canCreate}>
            {seen && seen.length > 0 ? t('registration.add.confirmDuplicate') : t('registration.add.confirm')}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('registration.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
