import { describe, expect, it } from 'vitest';
import { isAllowedNavigation, isAppUrl, isTrustedSenderUrl } from '@main/shell/security';

describe('isAppUrl: only the app bundle at app://census/ counts as ours', () => {
  it.each([
    'app://census/',
    'app://census/index.html',
    'app://census/assets/index-3f2a.js',
    'app://census/#/units?area=320102',
    'app://census/units/320102',
  ])('accepts %s', (url) => {
    expect(isAppUrl(url)).toBe(true);
  });

  it.each([
    ['another host', 'app://evil/'],
    ['a host that merely starts with ours', 'app://census.evil.example/'],
    ['credentials that smuggle another host', 'app://census@evil/'],
    ['user info before our host', 'app://evil@census/'],
    ['a port', 'app://census:8080/'],
    ['an upper-case host Chromium would never send', 'app://CENSUS/'],
    ['no authority', 'app:census/index.html'],
    ['an empty authority', 'app:///census/index.html'],
    ['https', 'https://census/'],
    ['http loopback', 'http://127.0.0.1:5173/'],
    ['file', 'file:///C:/Windows/system32/'],
    ['javascript', 'javascript:alert(1)'],
    ['data', 'data:text/html,<script>alert(1)</script>'],
    ['about:blank', 'about:blank'],
    ['an empty string', ''],
    ['text that is not a URL', 'census'],
  ])('refuses %s', (_why, url) => {
    expect(isAppUrl(url)).toBe(false);
  });
});

describe('navigation and IPC senders follow the same origin rule', () => {
  it('allows in-app navigation and nothing outside it', () => {
    expect(isAllowedNavigation('app://census/index.html')).toBe(true);
    expect(isAllowedNavigation('https://www.stats.gov.cn/')).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd')).toBe(false);
  });

  it('trusts only frames showing the app bundle', () => {
    expect(isTrustedSenderUrl('app://census/')).toBe(true);
    expect(isTrustedSenderUrl('')).toBe(false);
    expect(isTrustedSenderUrl('about:blank')).toBe(false);
    expect(isTrustedSenderUrl('https://census.example/')).toBe(false);
  });
});
