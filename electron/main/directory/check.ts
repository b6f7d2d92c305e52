import { checkDivisionCode, checkUscc } from '@shared/census/identifiers';
import { isIndustryClass } from '@shared/codes/industry';
import { builtinPack } from '@shared/packs/builtin';
import type { EnterpriseFields } from '@shared/directory/directory';

// Content checks of an enterprise's identity beyond its wire shape, shared by save and import:
// the USCC's form (GB 32100-2015), the division code's structure, and codes that must exist in
// their lists. A failing field is an error: nothing of that enterprise is written. A USCC whose
// check character is wrong is not refused: real registers hold such codes, so it is a note to
// verify (enterpriseFieldNotes), as on the census forms.

export interface FieldMessage {
  column: string;
  messageZh: string;
  messageEn: string;
}

export function checkEnterpriseFields(f: EnterpriseFields): FieldMessage[] {
  const out: FieldMessage[] = [];
  const add = (column: string, messageZh: string, messageEn: string) => out.push({ column, messageZh, messageEn });
  const uscc = checkUscc(f.uscc);
  if (!uscc.ok && uscc.reason !== 'CHECKSUM') {
    add(
      'uscc',
      uscc.reason === 'FILLER' ? '统一社会信用代码是占位填充（如全为0），不是真实代码' : '统一社会信用代码格式不正确',
      uscc.reason === 'FILLER' ? 'The USCC is a filler (such as all zeros), not a real code' : 'The USCC is malformed',
    );
  }
  const division = checkDivisionCode(f.divisionCode);
  if (!division.ok) add('divisionCode', '区划代码结构不正确（应为12位统计用区划代码）', 'The division code is not a 12-digit statistical division code');
  if (f.industryCode !== '' && !isIndustryClass(f.industryCode)) {
    add('industryCode', `行业代码 ${f.industryCode} 不是 GB/T 4754-2017 的小类`, `Industry code ${f.industryCode} is not a GB/T 4754-2017 class`);
  }
  if (f.registrationCategory !== '' && !builtinPack().findCode('registrationCategory', f.registrationCategory)) {
    add('registrationCategory', `登记注册统计类别 ${f.registrationCategory} 不在代码表中`, `Unknown registration category ${f.registrationCategory}`);
  }
  if (f.institutionType !== '' && !builtinPack().findCode('institutionType', f.institutionType)) {
    add('institutionType', `机构类型 ${f.institutionType} 不在代码表中`, `Unknown institution type ${f.institutionType}`);
  }
  return out;
}

/** What to verify but not refuse: a USCC whose check character is wrong. */
export function enterpriseFieldNotes(f: EnterpriseFields): FieldMessage[] {
  const uscc = checkUscc(f.uscc);
  return !uscc.ok && uscc.reason === 'CHECKSUM'
    ? [{ column: 'uscc', messageZh: '统一社会信用代码校验位不正确，已导入，请对照营业执照核实', messageEn: 'The USCC check character is wrong; imported, verify it against the licence' }]
    : [];
}
