import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { sampleWorkspace } from '../fixtures';
import { apiError, fakeServer, type FakeAnswer } from '../testing';
import { MeetingPlanForm } from './MeetingPlanForm';
import { agendaItem, runningMeeting } from './meetingTesting';

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

describe('MeetingPlanForm, editing a planned meeting', () => {
  const meeting = runningMeeting({
    status: 'planned',
    startedAt: null,
    currentItemId: null,
    title: 'Overleg december',
    scheduledFor: new Date('2026-12-01T19:30').toISOString(),
    items: [
      agendaItem({ id: 'i1', title: 'Opening', timeboxMinutes: 5 }),
      agendaItem({
        id: 'i2',
        title: 'Huurbeleid',
        timeboxMinutes: 30,
        documentId: 'd_agr',
        theme: 'betaalbaarheid',
        clauseId: 'c_h1',
      }),
      agendaItem({ id: 'i3', title: 'Rondvraag', timeboxMinutes: 10 }),
    ],
  });

  /** `patch`: how PATCH answers (default: the meeting, with the new title). */
  function server(patch?: () => FakeAnswer) {
    return fakeServer((r) => {
      if (r.method === 'PATCH' && r.path === '/api/workspaces/w_1/meetings/m1') {
        if (patch) return patch();
        return { status: 200, body: { meeting: { ...meeting, ...(r.body as object) } } };
      }
      if (r.path === '/api/workspaces/w_1/documents/d_agr/export?format=json') {
        return { status: 200, body: { document: {}, clauses: exported } };
      }
      return { status: 404 };
    });
  }

  const titles = () =>
    screen.getAllByLabelText<HTMLInputElement>(/^Agendapunt \d: titel$/).map((i) => i.value);
  const status = () => screen.getByRole('status').textContent;

  it('starts from the meeting, without a heading of its own, with its linked clause', async () => {
    server();
    render(<MeetingPlanForm workspace={workspace} meeting={meeting} onPlanned={vi.fn()} />);
    expect(field('Titel van de vergadering').value).toBe('Overleg december');
    expect(field('Datum en tijd').value).toBe('2026-12-01T19:30');
    expect(titles()).toEqual(['Opening', 'Huurbeleid', 'Rondvraag']);
    expect(field('Agendapunt 2: minuten').value).toBe('30');
    expect(field('Agendapunt 2: document').value).toBe('d_agr');
    expect(field('Agendapunt 2: thema').value).toBe('betaalbaarheid');
    const clause = await screen.findByLabelText<HTMLSelectElement>('Agendapunt 2: artikel');
    expect(clause.value).toBe('c_h1');
    expect(screen.queryByRole('heading', { name: 'Vergadering plannen' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Wijzigingen opslaan' })).toBeTruthy();
  });

  it('reorders with up and down buttons that keep the focus, and says where the item went', () => {
    server();
    render(<MeetingPlanForm workspace={workspace} meeting={meeting} onPlanned={vi.fn()} />);
    const first = screen.getByRole('button', { name: 'Agendapunt 1 omhoog' });
    expect(first.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(first);
    expect(titles()).toEqual(['Opening', 'Huurbeleid', 'Rondvraag']);
    expect(
      screen.getByRole('button', { name: 'Agendapunt 3 omlaag' }).getAttribute('aria-disabled'),
    ).toBe('true');

    fireEvent.click(screen.getByRole('button', { name: 'Agendapunt 3 omhoog' }));
    expect(titles()).toEqual(['Opening', 'Rondvraag', 'Huurbeleid']);
    expect(document.activeElement).toBe(
      screen.getByRole('button', { name: 'Agendapunt 2 omhoog' }),
    );
    expect(status()).toBe('Het agendapunt staat nu op plek 2 van 3.');

    // Down re-inserts the moved row: focus is put back on its down button.
    fireEvent.click(screen.getByRole('button', { name: 'Agendapunt 1 omlaag' }));
    expect(titles()).toEqual(['Rondvraag', 'Opening', 'Huurbeleid']);
    expect(document.activeElement).toBe(
      screen.getByRole('button', { name: 'Agendapunt 2 omlaag' }),
    );
    // The fields moved with their item.
    expect(field('Agendapunt 3: minuten').value).toBe('30');
  });

  it('after removing an item, focus goes to the title of the one now in its place', () => {
    server();
    render(<MeetingPlanForm workspace={workspace} meeting={meeting} onPlanned={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Agendapunt 2 weghalen' }));
    expect(titles()).toEqual(['Opening', 'Rondvraag']);
    expect(document.activeElement).toBe(field('Agendapunt 2: titel'));
    expect(status()).toBe('Agendapunt 2 is weggehaald.');
    fireEvent.click(screen.getByRole('button', { name: 'Agendapunt 2 weghalen' }));
    expect(document.activeElement).toBe(field('Agendapunt 1: titel'));
    // One item left: nothing to move, and the agenda keeps at least one item.
    expect(screen.queryByRole('button', { name: /omhoog|omlaag|weghalen/ })).toBeNull();
  });

  it('saves title, time and the changed agenda with PATCH', async () => {
    const requests = server();
    const onPlanned = vi.fn();
    render(<MeetingPlanForm workspace={workspace} meeting={meeting} onPlanned={onPlanned} />);
    await screen.findByLabelText('Agendapunt 2: artikel');
    fireEvent.change(field('Titel van de vergadering'), { target: { value: 'Overleg 8 dec' } });
    fireEvent.change(field('Datum en tijd'), { target: { value: '2026-12-08T20:00' } });
    fireEvent.change(field('Agendapunt 1: minuten'), { target: { value: '10' } });
    fireEvent.click(screen.getByRole('button', { name: 'Agendapunt 3 omhoog' }));
    fireEvent.click(screen.getByRole('button', { name: 'Agendapunt toevoegen' }));
    fireEvent.change(field('Agendapunt 4: titel'), { target: { value: 'Sluiting' } });
    fireEvent.change(field('Agendapunt 4: minuten'), { target: { value: '5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Wijzigingen opslaan' }));

    await waitFor(() => expect(onPlanned).toHaveBeenCalled());
    const patch = requests.filter((r) => r.method === 'PATCH');
    expect(patch).toHaveLength(1);
    expect(patch[0]!.body).toEqual({
      title: 'Overleg 8 dec',
      scheduledFor: new Date('2026-12-08T20:00').toISOString(),
      items: [
        { title: 'Opening', timeboxMinutes: 10 },
        { title: 'Rondvraag', timeboxMinutes: 10 },
        {
          title: 'Huurbeleid',
          timeboxMinutes: 30,
          documentId: 'd_agr',
          clauseId: 'c_h1',
          theme: 'betaalbaarheid',
        },
        { title: 'Sluiting', timeboxMinutes: 5 },
      ],
    });
    expect(requests.some((r) => r.method === 'POST')).toBe(false);
    expect(onPlanned.mock.calls[0]![0]).toMatchObject({ id: 'm1', title: 'Overleg 8 dec' });
    // Edit mode keeps the fields (the dialog around it closes).
    expect(field('Titel van de vergadering').value).toBe('Overleg 8 dec');
  });

  it('leaves out what did not change, so a rename works even once the meeting runs', async () => {
    const requests = server();
    const onPlanned = vi.fn();
    render(<MeetingPlanForm workspace={workspace} meeting={meeting} onPlanned={onPlanned} />);
    fireEvent.change(field('Titel van de vergadering'), { target: { value: 'Overleg 8 dec' } });
    fireEvent.click(screen.getByRole('button', { name: 'Wijzigingen opslaan' }));
    await waitFor(() => expect(onPlanned).toHaveBeenCalled());
    expect(requests.find((r) => r.method === 'PATCH')?.body).toEqual({ title: 'Overleg 8 dec' });
  });

  it('says so when the meeting started meanwhile (409), and keeps what was typed', async () => {
    server(() => apiError(409, 'conflict'));
    const onPlanned = vi.fn();
    render(<MeetingPlanForm workspace={workspace} meeting={meeting} onPlanned={onPlanned} />);
    fireEvent.change(field('Agendapunt 1: titel'), { target: { value: 'Welkom en opening' } });
    fireEvent.click(screen.getByRole('button', { name: 'Agendapunt 3 omhoog' }));
    fireEvent.click(screen.getByRole('button', { name: 'Wijzigingen opslaan' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      'De vergadering is intussen gestart. De agenda kan daarom niet meer worden gewijzigd; ' +
        'titel en tijd wel. Wat u heeft ingevuld, staat er nog.',
    );
    expect(titles()).toEqual(['Welkom en opening', 'Rondvraag', 'Huurbeleid']);
    expect(onPlanned).not.toHaveBeenCalled();
  });

  it('validates like planning: an emptied title is not sent', async () => {
    const requests = server();
    render(<MeetingPlanForm workspace={workspace} meeting={meeting} onPlanned={vi.fn()} />);
    fireEvent.change(field('Agendapunt 3: titel'), { target: { value: ' ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Wijzigingen opslaan' }));
    await waitFor(() => expect(document.activeElement).toBe(field('Agendapunt 3: titel')));
    expect(field('Agendapunt 3: titel').getAttribute('aria-invalid')).toBe('true');
    expect(requests.some((r) => r.method === 'PATCH')).toBe(false);
  });

  it('offers "cancel" when the caller can close it', () => {
    server();
    const onCancel = vi.fn();
    render(
      <MeetingPlanForm
        workspace={workspace}
        meeting={meeting}
        onPlanned={vi.fn()}
        onCancel={onCancel}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Annuleren' }));
    expect(onCancel).toHaveBeenCalledTimes(1);
  });
});
