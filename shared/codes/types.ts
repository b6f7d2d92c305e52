// A code list is data with a version and a source: the forms, rules and
// pickers read these, so a correction is a data change with a new version, not a code change.

export interface CodeEntry {
  readonly code: string;
  readonly zh: string;
  readonly en: string;
  /** Pinyin initials of `zh`, lower-case ("零售业" → "lsy"), for picker search. */
  readonly initials: string;
  /**
   * Why a code is known but no longer offered: a 强制性 rule refuses it, so pickers must not
   * propose it (a list and its rules agree). Stored answers with it still show its name, and
   * the rule says what to choose instead.
   */
  readonly notOffered?: string;
}

export interface CodeList {
  readonly id: string;
  readonly nameZh: string;
  readonly nameEn: string;
  /** Bumped whenever an entry changes, so stored answers can name the list version they used. */
  readonly version: string;
  /** The document the codes come from; "(check)" marks entries not yet verified against it. */
  readonly source: string;
  /** Year of the source document (the census round's edition). */
  readonly year: number;
  readonly entries: readonly CodeEntry[];
}

/** Finds an entry of a pack's code list (shared/packs/load.ts LoadedPack.findCode). */
export type FindCode = (listId: string, code: string) => CodeEntry | undefined;
