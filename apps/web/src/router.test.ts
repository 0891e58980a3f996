import { describe, expect, it } from 'vitest';
import { documentPath, parseRoute } from './router';

describe('parseRoute', () => {
  it('knows the start page', () => {
    expect(parseRoute('/')).toEqual({ page: 'start' });
  });

  it('reads the room of a document page', () => {
    expect(parseRoute('/d/afspraken-2027')).toEqual({ page: 'editor', room: 'afspraken-2027' });
    expect(parseRoute('/d/afspraken-2027/')).toEqual({ page: 'editor', room: 'afspraken-2027' });
  });

  it('round-trips documentPath', () => {
    expect(parseRoute(documentPath('Wijk_3.v2'))).toEqual({ page: 'editor', room: 'Wijk_3.v2' });
  });

  it('rejects room names the server would not accept', () => {
    expect(parseRoute('/d/met%20spatie')).toEqual({ page: 'invalid-room' });
    expect(parseRoute('/d/%E0%A4%A')).toEqual({ page: 'invalid-room' });
  });

  it('does not know other paths', () => {
    expect(parseRoute('/d/')).toEqual({ page: 'not-found' });
    expect(parseRoute('/d/a/b')).toEqual({ page: 'not-found' });
    expect(parseRoute('/admin')).toEqual({ page: 'not-found' });
  });
});
