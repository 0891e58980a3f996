import type { ConsentRoundDto, ConsentTarget, FacilitationStateDto } from '@akkoord/domain';
import { render, screen, within } from '@testing-library/react';
import i18n from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleWorkspace } from '../fixtures';
import { fakeServer } from '../testing';
import { OpenRoundsPanel } from './OpenRoundsPanel';
import { testPosition, testRound } from './testRounds';

const workspace = sampleWorkspace();
const voting = workspace.parties.filter((p) =>
  workspace.members.some((m) => m.role === 'negotiator' && m.partyId === p.id),
);

function round(
  id: string,
  target: ConsentTarget,
  over: Partial<ConsentRoundDto> = {},
): ConsentRoundDto {
  return testRound({ id, target, clauseNumber: target.kind === 'clause' ? 'B-03' : null, ...over });
}

function serve(rounds: ConsentRoundDto[]): void {
  const body: FacilitationStateDto = {
    gate: { open: true, processFirst: false, decisionId: null, via: null, at: null },
    locks: [],
    rounds,
    current: null,
  };
  fakeServer(() => ({ status: 200, body }));
}

afterEach(async () => {
  await i18n.changeLanguage('nl');
});

describe('OpenRoundsPanel (meeting console)', () => {
  it('lists every open round with its tally and a link to where it is decided; closed rounds not', async () => {
    const first = voting[0]!;
    serve([
      round(
        'r1',
        { kind: 'clause', documentId: 'd_agr', clauseId: 'c 7' },
        {
          positions: [testPosition(first.id, 'reservation', 'mits')],
        },
      ),
      round('r2', { kind: 'process', documentId: 'd_proc' }),
      round(
        'r3',
        { kind: 'clause', documentId: 'd_agr', clauseId: 'c9' },
        {
          status: 'closed',
          outcome: 'agreed',
          clauseNumber: 'B-09',
        },
      ),
    ]);
    render(<OpenRoundsPanel workspace={workspace} />);
    const panel = screen.getByRole('region', { name: 'Lopende instemmingsrondes' });
    const clause = (await within(panel).findByRole('heading', { name: 'Afspraak B-03' }))
      .parentElement!;
    expect(clause.textContent).toContain(
      `1 van ${voting.length} partijen hebben een standpunt gegeven.`,
    );
    expect(
      within(clause).getByRole('link', { name: 'Naar Afspraak B-03' }).getAttribute('href'),
    ).toBe('/w/w_1/d/d_agr?clause=c%207');
    expect(
      within(panel).getByRole('link', { name: 'Naar Procesafspraken' }).getAttribute('href'),
    ).toBe('/w/w_1/d/d_proc');
    expect(within(panel).queryByText('Afspraak B-09')).toBeNull();
  });

  it('says when no round is open, in English too', async () => {
    serve([round('r3', { kind: 'process', documentId: 'd_proc' }, { status: 'closed' })]);
    await i18n.changeLanguage('en');
    render(<OpenRoundsPanel workspace={workspace} />);
    expect(await screen.findByText('No consent round is open right now.')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Open consent rounds' })).toBeTruthy();
  });
});
