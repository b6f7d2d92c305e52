import { checkDivisionCode, checkOrgCode, checkUscc, usccOrgCode, usccPartsProblem } from '@shared/census/identifiers';
import { isIndustryClass } from '@shared/codes/industry';
import { builtinPack } from '@shared/packs/builtin';
import type { EnterpriseFields } from '@shared/directory/directory';

// Content checks of an enterprise's identity beyond its wire shape, shared by save and import:
// the USCC's form (GB 32100-2015), the 组织机构代码's (GB 11714), the division code's structure,
// and codes that must exist in their lists. A failing field is an error: nothing of that
// enterprise is written. A wrong check character (of either code), a USCC whose parts do not fit
// (category, the org code inside it), a 本部 org code (the 法人's 8 + B) or an org code that is not
// the one inside the USCC is not refused: real registers hold such codes, so it is a note to
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
  // '' is an enterprise known by its org code (the schema requires one of the two).
  if (!uscc.ok && uscc.reason !== 'CHECKSUM' && uscc.reason !== 'EMPTY') {
    add(
      'uscc',
      uscc.reason === 'FILLER' ? '统一社会信用代码是占位填充（如全为0），不是真实代码' : '统一社会信用代码格式不正确',
      uscc.reason === 'FILLER' ? 'The USCC is a filler (such as all zeros), not a real code' : 'The USCC is malformed',
    );
  }
  const org = checkOrgCode(f.orgCode);
  if (!org.ok && org.reason !== 'EMPTY' && org.reason !== 'CHECKSUM' && org.reason !== 'BRANCH') {
    add('orgCode', '组织机构代码格式不正确（应为8位数字或大写字母加1位校验码）', 'The organisation code is malformed (8 digits or capitals and a check character)');
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

/** What to verify but not refuse (see the top of this file). */
export function enterpriseFieldNotes(f: EnterpriseFields): FieldMessage[] {
  const out: FieldMessage[] = [];
  const note = (column: string, messageZh: string, messageEn: string) => out.push({ column, messageZh, messageEn });
  const uscc = checkUscc(f.uscc);
  if (!uscc.ok && uscc.reason === 'CHECKSUM') note('uscc', '统一社会信用代码校验位不正确，已导入，请对照营业执照核实', 'The USCC check character is wrong; imported, verify it against the licence');
  const parts = uscc.ok || uscc.reason === 'CHECKSUM' ? usccPartsProblem(f.uscc) : null;
  if (parts === 'CATEGORY') note('uscc', '统一社会信用代码第2位机构类别不是第1位登记管理部门所发的类别，已导入，请核实', 'Character 2 of the USCC is not a category its registrar issues; imported, verify it');
  if (parts === 'ORGCODE') note('uscc', '统一社会信用代码第9至17位不是有效的组织机构代码，已导入，请核实', 'Characters 9–17 of the USCC are not a valid organisation code; imported, verify it');
  const org = checkOrgCode(f.orgCode);
  if (!org.ok && org.reason === 'CHECKSUM') note('orgCode', '组织机构代码校验码不正确，已导入，请对照证书核实', 'The organisation code check character is wrong; imported, verify it against the certificate');
  if (!org.ok && org.reason === 'BRANCH') note('orgCode', '组织机构代码按本部写法（法人组织机构代码前8位+B），已导入，请核实', 'The organisation code follows the 本部 convention (the legal unit’s first 8 characters + B); imported, verify it');
  const embedded = usccOrgCode(f.uscc);
  if (embedded !== '' && f.orgCode !== '' && embedded !== f.orgCode) {
    note('orgCode', `组织机构代码与统一社会信用代码第9至17位（${embedded}）不一致，已导入，请核实`, `The organisation code differs from characters 9–17 of the USCC (${embedded}); imported, verify it`);
  }
  return out;
}
