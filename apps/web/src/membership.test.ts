import { describe, expect, it } from 'vitest';
import { fallbackColor } from './colorContrast';
import { sampleWorkspace } from './fixtures';
import { groupMembers, membershipOf, openableDocuments, presenceOf } from './membership';

const workspace = sampleWorkspace();
const member = (userId: string) => {
  const found = membershipOf(workspace, userId);
  if (found === null) throw new Error(`no member ${userId}`);
  return found;
};

describe('openableDocuments', () => {
  it('gives a negotiator the shared documents and only their own party’s notes', () => {
    expect(openableDocuments(workspace, member('u_bram')).map((d) => d.id)).toEqual([
      'd_proc',
      'd_agr',
      'd_notes_gem',
    ]);
  });

  it('gives the facilitator and observers no party notes at all', () => {
    for (const userId of ['u_anna', 'u_olga']) {
      expect(openableDocuments(workspace, member(userId)).map((d) => d.id)).toEqual([
        'd_proc',
        'd_agr',
      ]);
    }
  });
});

describe('groupMembers', () => {
  it('puts the facilitator first, then every party (also empty ones), then observers', () => {
    const groups = groupMembers(workspace);
    expect(groups.map((g) => [g.key, g.members.map((m) => m.name)])).toEqual([
      ['facilitators', ['Anna de Vries']],
      ['p_corp', []],
      ['p_gem', ['Bram Bakker', 'Wim Wouters']],
      ['p_hrd', []],
      ['observers', ['Olga Oosting']],
    ]);
    expect(groups[2]?.party?.color).toBe('#b45309');
  });
});

describe('presenceOf', () => {
  it('uses the party colour, or the neutral one without a party', () => {
    expect(presenceOf(workspace, member('u_bram'))).toEqual({
      name: 'Bram Bakker',
      color: '#b45309',
    });
    expect(presenceOf(workspace, member('u_anna'))).toEqual({
      name: 'Anna de Vries',
      color: fallbackColor,
    });
  });
});
