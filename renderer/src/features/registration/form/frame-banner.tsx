import { useTranslation } from 'react-i18next';
import type { ItemFrame } from './item-field';

// The 来自底册 mark beside an item still showing the listing frame's value, with its confirm
// button, and the banner above a form that has such items (frame-offers.ts).

interface MarkProps {
  formId: string;
  code: string;
  id: string;
  frame: ItemFrame;
  isReadOnly: boolean;
}

export function FrameMark({ formId, code, id, frame, isReadOnly }: MarkProps) {
  const { t } = useTranslation();
  const { offer } = frame;
  const source = offer.isDerived
    ? t('registration.frameOffer.derivedFrom', { column: offer.column })
    : t('registration.frameOffer.from', { column: offer.column });
  if (isReadOnly) {
    // Submitted or under review: the offer was never taken; say what the frame had, beside the blank item.
    return (
      <span className="frame-mark frame-mark--untaken" id={id} data-testid={`frame-mark-${formId}-${code}`} title={source}>
        {t('registration.frameOffer.untaken', { value: offer.value })}
      </span>
    );
  }
  return (
    <span className="frame-mark" id={id}>
      <span className="frame-mark__tag" data-testid={`frame-mark-${formId}-${code}`} title={source}>
        {t('registration.frameOffer.tag')}
      </span>
      <button
        type="button"
        className="button button--secondary button--small frame-mark__confirm"
        data-testid={`frame-confirm-${formId}-${code}`}
        title={t('registration.frameOffer.confirmTitle', { column: offer.column })}
        onClick={(e) => {
          // The item's row may react to clicks (review comments): this click is only a confirmation.
          e.stopPropagation();
          frame.onConfirm();
        }}
      >
        {t('registration.frameOffer.confirm')}
      </button>
    </span>
  );
}

export function FrameBanner({ formId, count, onConfirmAll }: { formId: string; count: number; onConfirmAll(): void }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice--info frame-banner" role="status" data-testid={`frame-banner-${formId}`}>
      <p className="notice__text">{t('registration.frameOffer.banner', { count })}</p>
      <div className="notice__actions">
        <button type="button" className="button button--secondary" data-testid={`frame-confirm-all-${formId}`} onClick={onConfirmAll}>
          {t('registration.frameOffer.confirmAll', { count })}
        </button>
      </div>
    </div>
  );
}
