import { describe, expect, it } from 'vitest';
import { parseRoute, paths, safeNextPath } from '../router';

describe('meeting routes', () => {
  it('parses the meetings page and the console, and builds their paths', () => {
    expect(parseRoute('/w/w_1/vergaderingen')).toEqual({ page: 'meetings', workspaceId: 'w_1' });
    expect(parseRoute('/w/w_1/vergaderingen/')).toEqual({ page: 'meetings', workspaceId: 'w_1' });
    expect(parseRoute('/w/w_1/vergaderingen/m-2')).toEqual({
      page: 'meeting',
      workspaceId: 'w_1',
      meetingId: 'm-2',
    });
    expect(paths.meetings('w_1')).toBe('/w/w_1/vergaderingen');
    expect(paths.meeting('w_1', 'm-2')).toBe('/w/w_1/vergaderingen/m-2');
    expect(safeNextPath('/w/w_1/vergaderingen/m-2')).toBe('/w/w_1/vergaderingen/m-2');
  });

  it('leaves the minutes page (…/verslag) to its own route', () => {
    expect(parseRoute('/w/w_1/vergaderingen/m-2/verslag').page).not.toBe('meeting');
    expect(parseRoute('/w/w_1/vergaderingen/m-2/anders').page).toBe('not-found');
  });
});
