import type { FieldError } from 'react-hook-form';
import { Settings } from '@shared/session/settings';

export const textFields = ['userName', 'deviceName', 'serverUrl', 'regionCode'] as const;
export type TextField = (typeof textFields)[number];
export type SettingsField = TextField | 'language';

const settingsFields: readonly string[] = [...textFields, 'language'];
export const isSettingsField = (name: string): name is SettingsField => settingsFields.includes(name);

/** Messages the shared schema sets itself: already codes, each with its own i18n key. */
const schemaCodes = ['REGION_CODE_FORMAT', 'SERVER_URL_SCHEME', 'REGION_UNKNOWN'] as const;
type SchemaCode = (typeof schemaCodes)[number];
const isSchemaCode = (message: string | undefined): message is SchemaCode =>
  (schemaCodes as readonly (string | undefined)[]).includes(message);

// Read from the schema rather than repeated in the translations, so a changed limit shows up
// in the message by itself.
const maxLength: Partial<Record<SettingsField, number>> = {
  userName: Settings.shape.userName.maxLength ?? undefined,
  deviceName: Settings.shape.deviceName.maxLength ?? undefined,
  serverUrl: Settings.shape.serverUrl.options[1].maxLength ?? undefined,
};

export type ValidationKey = `validation.${'too_big' | 'url' | 'invalid_value' | 'invalid' | SchemaCode}`;

/**
 * A field error (zod issue code in `type`, zod message in `message`, or a server issue with
 * type 'server') → the i18n key to show and its values. We never show zod's English text.
 */
export function validationMessage(
  field: SettingsField,
  error: Pick<FieldError, 'type' | 'message'>,
): { key: ValidationKey; values: { max?: number } } {
  if (isSchemaCode(error.message)) return { key: `validation.${error.message}`, values: {} };
  switch (error.type) {
    case 'too_big':
      return { key: 'validation.too_big', values: { max: maxLength[field] } };
    case 'invalid_format':
      // The only format check without its own message in Settings is serverUrl's .url().
      return { key: field === 'serverUrl' ? 'validation.url' : 'validation.invalid', values: {} };
    case 'invalid_value':
      return { key: 'validation.invalid_value', values: {} };
    default:
      return { key: 'validation.invalid', values: {} };
  }
}
