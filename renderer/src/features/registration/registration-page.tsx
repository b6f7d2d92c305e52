import { useSubPath } from '../../app/router';
import { UnitListPage } from './list/unit-list-page';
import { UnitPage } from './unit/unit-page';

// #/registration → the worklist; #/registration/unit/<id> → that unit's forms.
export function RegistrationPage() {
  const sub = useSubPath().split('/');
  if (sub[0] === 'unit' && sub[1]) return <UnitPage key={sub[1]} id={sub[1]} />;
  return <UnitListPage />;
}
