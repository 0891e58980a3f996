import { describe, expect, it } from 'vitest';
import { agendaInput, draftOf, emptyItem, moved, sameAgenda } from './agendaDraft';
import { agendaItem } from './meetingTesting';

describe('agendaDraft', () => {
  it('edits an item as it was planned and sends it back unchanged', () => {
    const planned = agendaItem({
      title: 'Huurbeleid',
      timeboxMinutes: 25,
      documentId: 'd_agr',
      clauseId: 'c_h1',
      theme: 'betaalbaarheid',
    });
    const draft = draftOf(planned);
    expect(draft).toMatchObject({
      title: 'Huurbeleid',
      minutes: '25',
      documentId: 'd_agr',
      clauseId: 'c_h1',
      theme: 'betaalbaarheid',
    });
    expect(agendaInput([draft])).toEqual([
      {
        title: 'Huurbeleid',
        timeboxMinutes: 25,
        documentId: 'd_agr',
        clauseId: 'c_h1',
        theme: 'betaalbaarheid',
      },
    ]);
  });

  it('drops a clause without its document and leaves an empty timebox for the schema', () => {
    const draft = { ...emptyItem(), title: 'Rondvraag', minutes: ' ', clauseId: 'c_h1' };
    const [input] = agendaInput([draft]);
    expect(input).toEqual({ title: 'Rondvraag', timeboxMinutes: Number.NaN });
  });

  it('tells a changed agenda from the same one with new keys', () => {
    const items = [agendaItem(), agendaItem({ id: 'i2', title: 'Rondvraag' })];
    const a = items.map(draftOf);
    expect(sameAgenda(a, items.map(draftOf))).toBe(true);
    expect(sameAgenda(a, moved(a, 0, 1))).toBe(false);
    expect(sameAgenda(a, [a[0]!, { ...a[1]!, minutes: '11' }])).toBe(false);
  });

  it('moves one place up or down and stays put at the ends', () => {
    expect(moved(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moved(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });
});
