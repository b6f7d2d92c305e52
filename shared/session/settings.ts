import { z } from 'zod';

export const languages = ['zh-CN', 'en'] as const;
export const Language = z.enum(languages);
export type Language = z.infer<typeof Language>;

// Statistical division code prefix of the deployment: a county (6 digits, e.g. 640502
// 沙坡头区) is the usual case; a township deployment may give 9 digits.
export const RegionCode = z.string().regex(/^(\d{6}|\d{9})$/, 'REGION_CODE_FORMAT');

const trimmed = (max: number) => z.string().trim().max(max);

export const Settings = z.object({
  userName: trimmed(40),
  deviceName: trimmed(40),
  // Empty until the bureau gives one; only http(s) so a typo cannot point sync at a file: URL.
  serverUrl: z.union([
    z.literal(''),
    z
      .string()
      .trim()
      .max(200)
      .url()
      .refine((u) => /^https?:\/\//i.test(u), 'SERVER_URL_SCHEME'),
  ]),
  regionCode: z.union([z.literal(''), RegionCode]),
  language: Language,
});
export type Settings = z.infer<typeof Settings>;

export const SettingsPatch = Settings.partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const defaultSettings: Settings = {
  userName: '',
  deviceName: '',
  serverUrl: '',
  regionCode: '',
  language: 'zh-CN',
};
