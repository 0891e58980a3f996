import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { sampleWorkspace } from '../fixtures';
import { fakeServer } from '../testing';
import { MeetingPlanForm } from './MeetingPlanForm';
import { runningMeeting } from './meetingTesting';

const workspace = sampleWorkspace();
const exported = [
  { id: 'c_b1', number: 'B-01', theme: 'beschikbaarheid', text: 'Jaarlijks 60 woningen erbij.' },
  {
    id: 'c_h1',
    number: 'H-01',
    theme: 'betaalbaarheid',
    text: 'De huur stijgt niet meer dan de inflatie.',
  },
].map((c) => ({ ...c, owner: null, counterparts: [], status: 'draft' }));

function field(name: string): HTMLInputElement {
  return screen.getByLabelText<HTMLInputElement>(name);
}

describe('MeetingPlanForm', () => {
  it('says what to fix, next to each field, and sends nothing', async () => {
    const requests = fakeServer(() => ({ status: 500 }));
    render(<MeetingPlanForm workspace={workspace} onPlanned={vi.fn()} />);
    fireEvent.change(field('Agendapunt 1: minuten'), { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: 'Vergadering plannen' }));

    const title = field('Titel van de vergadering');
    await waitFor(() => expect(title.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(title.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Vul dit in.',
    );
    const when = field('Datum en tijd');
    expect(document.getElementById(when.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Vul dit in.',
    );
    const itemTitle = field('Agendapunt 1: titel');
    expect(itemTitle.getAttribute('aria-invalid')).toBe('true');
    const minutes = field('Agendapunt 1: minuten');
    expect(
      document.getElementById(minutes.getAttribute('aria-describedby')!.split(' ')[0]!)
        ?.textContent,
    ).toBe('Dit getal is te klein. Het kleinste getal dat kan is 1.');
    // Focus goes to the first field to fix.
    expect(document.activeElement).toBe(title);
    expect(requests).toHaveLength(0);
  });

  it('rejects a timebox longer than a working day', async () => {
    fakeServer(() => ({ status: 500 }));
    render(<MeetingPlanForm workspace={workspace} onPlanned={vi.fn()} />);
    fireEvent.change(field('Agendapunt 1: minuten'), { target: { value: '600' } });
    fireEvent.click(screen.getByRole('button', { name: 'Vergadering plannen' }));
    await screen.findByText('Dit getal is te groot. Het grootste getal dat kan is 480.');
  });

  it('plans a meeting with its agenda (document and theme optional)', async () => {
    const requests = fakeServer((r) => {
      if (r.method === 'POST' && r.path === '/api/workspaces/w_1/meetings') {
        return { status: 201, body: { meeting: runningMeeting({ status: 'planned' }) } };
      }
      if (r.path === '/api/workspaces/w_1/documents/d_agr/export?format=json') {
        return { status: 200, body: { document: {}, clauses: exported } };
      }
      return { status: 404 };
    });
    const onPlanned = vi.fn();
    render(<MeetingPlanForm workspace={workspace} onPlanned={onPlanned} />);
    fireEvent.change(field('Titel van de vergadering'), { target: { value: 'Overleg december' } });
    fireEvent.change(field('Datum en tijd'), { target: { value: '2026-12-01T19:30' } });
    fireEvent.change(field('Agendapunt 1: titel'), { target: { value: 'Opening' } });
    fireEvent.change(field('Agendapunt 1: minuten'), { target: { value: '5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Agendapunt toevoegen' }));
    fireEvent.change(field('Agendapunt 2: titel'), { target: { value: 'Huurbeleid' } });
    fireEvent.change(field('Agendapunt 2: document'), { target: { value: 'd_agr' } });
    fireEvent.change(field('Agendapunt 2: thema'), { target: { value: 'betaalbaarheid' } });
    // The clause picker lists the chosen theme's clauses by number and first words.
    const clause = await screen.findByLabelText<HTMLSelectElement>('Agendapunt 2: artikel');
    expect([...clause.options].map((o) => o.textContent)).toEqual([
      'Geen artikel',
      'H-01 – De huur stijgt niet meer dan de inflatie.',
    ]);
    fireEvent.change(clause, { target: { value: 'c_h1' } });
    // Party notes are never offered as an agenda link.
    expect(screen.queryByRole('option', { name: 'Interne notities Gemeente' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Vergadering plannen' }));

    await waitFor(() => expect(onPlanned).toHaveBeenCalled());
    const post = requests.find((r) => r.method === 'POST');
    expect(post?.body).toEqual({
      title: 'Overleg december',
      scheduledFor: new Date('2026-12-01T19:30').toISOString(),
      items: [
        { title: 'Opening', timeboxMinutes: 5 },
        {
          title: 'Huurbeleid',
          timeboxMinutes: 15,
          documentId: 'd_agr',
          clauseId: 'c_h1',
          theme: 'betaalbaarheid',
        },
      ],
    });
    expect(field('Titel van de vergadering').value).toBe('');
  });
});
