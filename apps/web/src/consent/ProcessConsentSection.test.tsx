import type { FacilitationStateDto } from '@akkoord/domain';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { sampleWorkspace } from '../fixtures';
import { fakeServer } from '../testing';
import { ProcessConsentSection } from './ProcessConsentSection';
import { testRound } from './testRounds';

function state(over: Partial<FacilitationStateDto> = {}): FacilitationStateDto {
  return {
    gate: { open: false, processFirst: true, decisionId: null, via: null, at: null },
    locks: [],
    rounds: [],
    current: null,
    ...over,
  };
}

const workspace = sampleWorkspace();
const facilitator = workspace.members.find((m) => m.role === 'facilitator')!;
const bram = workspace.members.find((m) => m.userId === 'u_bram')!;

describe('ProcessConsentSection (workspace page)', () => {
  it('says the agreement waits for the process agreements; the facilitator can start the round', async () => {
    const requests = fakeServer(() => ({ status: 200, body: state() }));
    render(<ProcessConsentSection workspace={workspace} member={facilitator} />);
    const section = screen.getByRole('region', { name: 'Procesafspraken vaststellen' });
    expect(
      await within(section).findByRole('button', { name: 'Instemmingsronde starten' }),
    ).toBeTruthy();
    expect(section.textContent).toContain(
      'De prestatieafspraken zijn alleen-lezen voor onderhandelaars',
    );
    expect(within(section).getByRole('link', { name: 'Besluitenlog' }).getAttribute('href')).toBe(
      '/w/w_1/besluiten',
    );
    expect(requests[0]?.path).toBe('/api/workspaces/w_1/facilitation');
  });

  it('a negotiator gives the party’s position on the running process round', async () => {
    fakeServer(() => ({
      status: 200,
      body: state({
        rounds: [
          testRound({
            target: { kind: 'process', documentId: 'd_proc' },
            clauseNumber: null,
            text: '',
          }),
        ],
      }),
    }));
    render(<ProcessConsentSection workspace={workspace} member={bram} />);
    expect(await screen.findByRole('group', { name: 'Standpunt van Gemeente' })).toBeTruthy();
    expect(
      screen.getByRole('heading', { name: 'Instemmingsronde over Procesafspraken' }),
    ).toBeTruthy();
  });

  it('once the gate opened by consent it says so', async () => {
    fakeServer(() => ({
      status: 200,
      body: state({
        gate: { open: true, processFirst: true, decisionId: 'd1', via: 'consent', at: 'x' },
      }),
    }));
    render(<ProcessConsentSection workspace={workspace} member={bram} />);
    expect(
      await screen.findByText(
        'Alle partijen hebben de procesafspraken vastgesteld. De prestatieafspraken zijn open.',
      ),
    ).toBeTruthy();
  });
});
