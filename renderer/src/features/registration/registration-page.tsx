import { useSubPath } from '../../app/router';
import { UnitListPage } from './list/unit-list-page';
import { UnitPrintPage } from './print/unit-print-page';
import { UnitPage } from './unit/unit-page';

// #/registration → the worklist; #/registration/unit/<id> → that unit's forms;
// #/registration/unit/<id>/print → its filled forms as a page to print and sign.
export function RegistrationPage() {
  const sub = useSubPath().split('/');
  if (sub[0] === 'unit' && sub[1] && sub[2] === 'print') return <UnitPrintPage key={sub[1]} id={sub[1]} />;
  if (sub[0] === 'unit' && sub[1]) return <UnitPage key={sub[1]} id={sub[1]} />;
  return <UnitListPage />;
}
