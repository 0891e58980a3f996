import { describe, expect, it } from 'vitest';
import { parseRoute, paths, safeNextPath, withNext } from './router';

describe('parseRoute', () => {
  it('knows the fixed pages', () => {
    expect(parseRoute('/')).toEqual({ page: 'home' });
    expect(parseRoute('/login')).toEqual({ page: 'login' });
    expect(parseRoute('/signup/')).toEqual({ page: 'signup' });
    expect(parseRoute('/new')).toEqual({ page: 'new-workspace' });
  });

  it('reads workspace, audit, document and invitation paths', () => {
    expect(parseRoute('/w/w_abc')).toEqual({ page: 'workspace', workspaceId: 'w_abc' });
    expect(parseRoute('/w/w_abc/audit')).toEqual({ page: 'audit', workspaceId: 'w_abc' });
    expect(parseRoute('/w/w_abc/d/d_x1/')).toEqual({
      page: 'document',
      workspaceId: 'w_abc',
      documentId: 'd_x1',
    });
    expect(parseRoute('/invite/AbC-_9')).toEqual({ page: 'invitation', token: 'AbC-_9' });
  });

  it('round-trips the path builders', () => {
    expect(parseRoute(paths.document('w_1', 'd_2'))).toEqual({
      page: 'document',
      workspaceId: 'w_1',
      documentId: 'd_2',
    });
    expect(parseRoute(paths.invitation('tok'))).toEqual({ page: 'invitation', token: 'tok' });
  });

  it('does not know other paths, including the old free-room links', () => {
    expect(parseRoute('/d/afspraken-2027')).toEqual({ page: 'not-found' });
    expect(parseRoute('/w/')).toEqual({ page: 'not-found' });
    expect(parseRoute('/w/a b')).toEqual({ page: 'not-found' });
    expect(parseRoute('/w/a/d/')).toEqual({ page: 'not-found' });
    expect(parseRoute('/admin')).toEqual({ page: 'not-found' });
  });
});

describe('safeNextPath', () => {
  it('accepts paths of this app', () => {
    expect(safeNextPath('/invite/abc')).toBe('/invite/abc');
    expect(safeNextPath('/w/w_1/d/d_2')).toBe('/w/w_1/d/d_2');
  });

  it('refuses other sites, odd paths and the login pages themselves', () => {
    for (const next of [
      null,
      '',
      'https://evil.example',
      '//evil.example/w/x',
      '/\\evil',
      '/nope',
    ]) {
      expect(safeNextPath(next)).toBeNull();
    }
    expect(safeNextPath('/login')).toBeNull();
    expect(safeNextPath('/signup?next=/w/x')).toBeNull();
  });
});

describe('withNext', () => {
  it('adds next only when it leads somewhere', () => {
    expect(withNext(paths.login, '/')).toBe('/login');
    expect(withNext(paths.signup, '/invite/t')).toBe('/signup?next=%2Finvite%2Ft');
  });
});
