import { describe, expect, it } from 'vitest';
import { branchOrgCodeOf, checkOrgCode, isBranchOrgCode } from '@shared/census/identifiers';
import { builtinPack } from '@shared/packs/builtin';
import { preloadFromFrame } from '@shared/forms/preload';

// The 三经普 convention for a 本部: the 法人's org code's first 8 characters + B.

describe('本部 org code', () => {
  it('is the 法人 code’s first 8 characters and B, from an org code or a USCC', () => {
    expect(branchOrgCodeOf('MA76DE1W9')).toBe('MA76DE1WB');
    expect(branchOrgCodeOf('91350100M000100Y43')).toBe('M000100YB');
    expect(branchOrgCodeOf('')).toBe('');
  });

  it('reads as BRANCH, not a character error; any other letter in the check place still is one', () => {
    expect(isBranchOrgCode('ma76de1w-b')).toBe(true);
    expect(checkOrgCode('MA76DE1WB')).toEqual({ ok: false, reason: 'BRANCH' });
    expect(checkOrgCode('MA76DE1WA')).toEqual({ ok: false, reason: 'CHARSET' });
    expect(isBranchOrgCode('MA76DE1W9')).toBe(false);
  });

  it('is carried from the frame into an establishment’s 611', () => {
    const offers = preloadFromFrame(builtinPack(), 'establishment', { 单位详细名称: '鑫源本部', 组织机构代码: 'ｍａ７６ｄｅ１ｗ－ｂ' }, '640502100201001')['611'];
    expect(offers?.orgCode?.value).toBe('MA76DE1WB');
  });
});
