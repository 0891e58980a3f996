import type { ActionItemDto, MinutesDto, UserDto } from '@akkoord/domain';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { sampleWorkspace } from '../fixtures';
import { apiError, fakeServer, type FakeAnswer, type FakeRequest } from '../testing';
import { parseRoute, paths } from '../router';
import { MinutesPage } from './MinutesPage';
import { parseMarkdown } from './minutesMarkdown';

/** A silent event stream: tests drive changes through the fake server's answers. */
class QuietEventSource {
  addEventListener(): void {}
  close(): void {}
}

const workspace = sampleWorkspace();
const user = (id: string): UserDto => {
  const m = workspace.members.find((x) => x.userId === id)!;
  return { id, name: m.name, email: `${id}@example.nl` };
};
const BASE = '/api/workspaces/w_1/meetings/m1';

const BODY = [
  '# Verslag: Overleg december',
  '',
  '- Werkruimte: Prestatieafspraken',
  '',
  '## Besluiten',
  '',
  '- **Artikel B-01**: geen akkoord',
  '  - Gemeente: bezwaar — Te duur',
  '',
  '## Gewijzigde artikelen',
  '',
  '- **B-01** (gewijzigd): bouwt ~~120~~ **150** woningen',
  '',
  '## Titel <img src=x onerror="alert(1)"> \\[link\\](https://evil.example)',
  '',
  '_Geen actiepunten._',
].join('\n');

function minutesDto(over: Partial<MinutesDto> = {}): MinutesDto {
  return {
    meetingId: 'm1',
    status: 'draft',
    body: BODY,
    version: 1,
    approvals: [],
    updatedAt: '2026-12-01T20:00:00.000Z',
    updatedBy: null,
    lockedAt: null,
    ...over,
  };
}

const action = (over: Partial<ActionItemDto> = {}): ActionItemDto => ({
  id: 'a1',
  meetingId: 'm1',
  description: 'Grondprijs uitzoeken',
  ownerPartyId: 'p_gem',
  ownerUserId: null,
  due: '2027-01-15',
  createdAt: '2026-12-01T19:00:00.000Z',
  ...over,
});

interface State {
  minutes: MinutesDto | null;
  actions: ActionItemDto[];
}

function server(state: State, extra?: (r: FakeRequest) => FakeAnswer | undefined) {
  return fakeServer((request) => {
    const answer = extra?.(request);
    if (answer) return answer;
    if (request.path === '/api/workspaces/w_1') return { status: 200, body: { workspace } };
    if (request.path === `${BASE}/minutes` && request.method === 'GET') {
      return state.minutes === null
        ? apiError(404, 'not_found')
        : { status: 200, body: state.minutes };
    }
    if (request.path === `${BASE}/actions` && request.method === 'GET')
      return { status: 200, body: { actions: state.actions } };
    return { status: 404 };
  });
}

const renderPage = (userId: string) =>
  render(<MinutesPage workspaceId="w_1" meetingId="m1" user={user(userId)} />);

describe('MinutesPage', () => {
  beforeEach(() => {
    vi.stubGlobal('EventSource', QuietEventSource);
  });

  it('MIN-1 renders the minutes as headings, lists, bold and struck text — never as HTML', async () => {
    server({ minutes: minutesDto(), actions: [] });
    const { container } = renderPage('u_olga');
    const text = await screen.findByTestId('minutes-text');
    expect(within(text).getByRole('heading', { level: 2 }).textContent).toBe(
      'Verslag: Overleg december',
    );
    expect(within(text).getByRole('heading', { level: 3, name: 'Besluiten' })).toBeTruthy();
    expect(text.querySelector('del')?.textContent).toBe('120');
    expect([...text.querySelectorAll('strong')].map((s) => s.textContent)).toContain('150');
    // The nested position is a list inside the decision's item.
    expect(text.querySelector('li ul li')?.textContent).toBe('Gemeente: bezwaar — Te duur');
    expect(container.querySelector('img')).toBeNull();
    expect(text.querySelector('a')).toBeNull();
    expect(text.textContent).toContain('<img src=x onerror="alert(1)">');
    expect(text.textContent).toContain('[link](https://evil.example)');
  });

  it('MIN-1 says there are no minutes before the meeting ended', async () => {
    server({ minutes: null, actions: [] });
    renderPage('u_anna');
    expect(
      await screen.findByText('Er is nog geen verslag: de vergadering is nog niet afgelopen.'),
    ).toBeTruthy();
  });

  it('MIN-3 links to the Markdown and PDF downloads', async () => {
    server({ minutes: minutesDto(), actions: [] });
    renderPage('u_olga');
    const md = await screen.findByRole('link', { name: 'Verslag downloaden als Markdown' });
    expect(md.getAttribute('href')).toBe(`${BASE}/minutes/export?format=md`);
    const pdf = screen.getByRole('link', { name: 'Verslag downloaden als PDF' });
    expect(pdf.getAttribute('href')).toBe(`${BASE}/minutes/export?format=pdf`);
  });

  it('MIN-2 amend: labelled textarea, saves with the version it started from', async () => {
    const state: State = { minutes: minutesDto(), actions: [] };
    const requests = server(state, (r) => {
      if (r.method !== 'PUT') return undefined;
      const body = r.body as { body: string; version: number };
      state.minutes = minutesDto({ body: body.body, version: body.version + 1 });
      return { status: 200, body: state.minutes };
    });
    renderPage('u_anna');
    fireEvent.click(await screen.findByRole('button', { name: 'Aanpassen' }));
    const area = screen.getByLabelText('Tekst van het verslag (Markdown)');
    expect((area as HTMLTextAreaElement).value).toBe(BODY);
    fireEvent.change(area, { target: { value: '# Nieuw verslag' } });
    fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }));
    await waitFor(() => expect(screen.getByText('Verslag opgeslagen (versie 2).')).toBeTruthy());
    expect(requests.find((r) => r.method === 'PUT')?.body).toEqual({
      body: '# Nieuw verslag',
      version: 1,
    });
    expect(screen.queryByLabelText('Tekst van het verslag (Markdown)')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Nieuw verslag' })).toBeTruthy();
  });

  it('MIN-2 amend conflict: says so, shows the newer version, keeps the text, saves on top', async () => {
    const state: State = { minutes: minutesDto(), actions: [] };
    let puts = 0;
    const requests = server(state, (r) => {
      if (r.method !== 'PUT') return undefined;
      puts += 1;
      if (puts === 1) {
        // Someone else saved version 2 meanwhile.
        state.minutes = minutesDto({ body: '# Van iemand anders', version: 2 });
        return apiError(409, 'conflict');
      }
      state.minutes = minutesDto({ body: '# Mijn tekst', version: 3 });
      return { status: 200, body: state.minutes };
    });
    renderPage('u_bram');
    fireEvent.click(await screen.findByRole('button', { name: 'Aanpassen' }));
    fireEvent.change(screen.getByLabelText('Tekst van het verslag (Markdown)'), {
      target: { value: '# Mijn tekst' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Iemand anders heeft het verslag intussen aangepast');
    expect(screen.getByRole('heading', { name: 'Van iemand anders' })).toBeTruthy();
    expect(
      screen.getByLabelText<HTMLTextAreaElement>('Tekst van het verslag (Markdown)').value,
    ).toBe('# Mijn tekst');
    fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }));
    await waitFor(() => expect(screen.getByText('Verslag opgeslagen (versie 3).')).toBeTruthy());
    expect(requests.filter((r) => r.method === 'PUT').map((r) => r.body)).toEqual([
      { body: '# Mijn tekst', version: 1 },
      { body: '# Mijn tekst', version: 2 },
    ]);
  });

  it('MIN-2 observers cannot amend, approve or change action items', async () => {
    server({ minutes: minutesDto(), actions: [action()] });
    renderPage('u_olga');
    await screen.findByTestId('minutes-text');
    await screen.findByTestId('action-items');
    expect(screen.queryByRole('button', { name: 'Aanpassen' })).toBeNull();
    expect(screen.queryByRole('button', { name: /goedkeuren/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Bewerken/ })).toBeNull();
    expect(screen.queryByTestId('action-add-form')).toBeNull();
  });

  it('MIN-2 approval per party; a negotiator approves for their own party only', async () => {
    const state: State = {
      minutes: minutesDto({
        version: 4,
        approvals: [
          { partyId: 'p_corp', userId: 'u_x', name: 'Xander', at: '2026-12-02T09:00:00Z' },
        ],
      }),
      actions: [],
    };
    const requests = server(state, (r) => {
      if (r.method !== 'POST' || !r.path.endsWith('/approve')) return undefined;
      state.minutes = {
        ...state.minutes!,
        approvals: [
          ...state.minutes!.approvals,
          { partyId: 'p_gem', userId: 'u_bram', name: 'Bram Bakker', at: '2026-12-02T10:00:00Z' },
        ],
      };
      return { status: 200, body: state.minutes };
    });
    renderPage('u_bram');
    const list = await screen.findByTestId('approvals');
    expect(list.textContent).toContain('Woonstede: goedgekeurd door Xander');
    expect(list.textContent).toContain('Gemeente: nog niet goedgekeurd');
    fireEvent.click(screen.getByRole('button', { name: 'Verslag goedkeuren namens Gemeente' }));
    await waitFor(() =>
      expect(screen.getByText('U heeft versie 4 goedgekeurd namens Gemeente.')).toBeTruthy(),
    );
    expect(requests.find((r) => r.path.endsWith('/approve'))?.body).toEqual({ version: 4 });
    expect(screen.getByTestId('approvals').textContent).toContain(
      'Gemeente: goedgekeurd door Bram Bakker',
    );
    expect(screen.queryByRole('button', { name: /goedkeuren/ })).toBeNull();
  });

  it('MIN-2 the facilitator has no approve button', async () => {
    server({ minutes: minutesDto(), actions: [] });
    renderPage('u_anna');
    await screen.findByTestId('approvals');
    expect(screen.queryByRole('button', { name: /goedkeuren/ })).toBeNull();
  });

  it('MIN-2 stale approval: says so and loads the current version', async () => {
    const state: State = { minutes: minutesDto(), actions: [] };
    server(state, (r) => {
      if (!r.path.endsWith('/approve')) return undefined;
      state.minutes = minutesDto({ version: 2, body: '# Gewijzigd' });
      return apiError(409, 'conflict');
    });
    renderPage('u_bram');
    fireEvent.click(
      await screen.findByRole('button', { name: 'Verslag goedkeuren namens Gemeente' }),
    );
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Het verslag is gewijzigd sinds u het las',
    );
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Gewijzigd' })).toBeTruthy());
    expect(screen.getByText('Versie 2')).toBeTruthy();
  });

  it('MIN-2 locked minutes: final, no amend, no approve, action items read-only', async () => {
    server({
      minutes: minutesDto({ status: 'locked', lockedAt: '2026-12-03T10:00:00Z' }),
      actions: [action()],
    });
    renderPage('u_bram');
    expect(await screen.findByText('Vastgesteld')).toBeTruthy();
    expect(screen.getByText(/Het verslag ligt vast/)).toBeTruthy();
    await screen.findByTestId('action-items');
    expect(screen.queryByRole('button', { name: 'Aanpassen' })).toBeNull();
    expect(screen.queryByRole('button', { name: /goedkeuren/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Bewerken/ })).toBeNull();
    expect(screen.queryByTestId('action-add-form')).toBeNull();
  });

  it('MIN-1 action items: add with owner party and due date, edit, delete', async () => {
    const state: State = { minutes: minutesDto(), actions: [] };
    const requests = server(state, (r) => {
      if (r.path === `${BASE}/actions` && r.method === 'POST') {
        const created = action({ id: 'a9', ...(r.body as Partial<ActionItemDto>) });
        state.actions = [created];
        return { status: 201, body: { action: created } };
      }
      if (r.path === `${BASE}/actions/a9` && r.method === 'PATCH') {
        state.actions = [{ ...state.actions[0]!, ...(r.body as Partial<ActionItemDto>) }];
        return { status: 200, body: { action: state.actions[0] } };
      }
      if (r.path === `${BASE}/actions/a9` && r.method === 'DELETE') {
        state.actions = [];
        return { status: 204 };
      }
      return undefined;
    });
    renderPage('u_bram');
    expect(await screen.findByText('Nog geen actiepunten.')).toBeTruthy();
    const form = screen.getByTestId('action-add-form');
    fireEvent.change(within(form).getByLabelText('Omschrijving'), {
      target: { value: 'Notitie schrijven' },
    });
    fireEvent.change(within(form).getByLabelText('Eigenaar (partij)'), {
      target: { value: 'p_hrd' },
    });
    fireEvent.change(within(form).getByLabelText('Uiterlijk'), {
      target: { value: '2027-02-01' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Actiepunt toevoegen' }));
    const list = await screen.findByTestId('action-items');
    expect(list.textContent).toContain(
      'Notitie schrijven — Huurdersorganisatie (uiterlijk 2027-02-01)',
    );
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      description: 'Notitie schrijven',
      ownerPartyId: 'p_hrd',
      due: '2027-02-01',
    });

    fireEvent.click(screen.getByRole('button', { name: 'Bewerken: Notitie schrijven' }));
    const edit = screen.getByTestId('action-edit-form');
    fireEvent.change(within(edit).getByLabelText('Uiterlijk'), { target: { value: '' } });
    fireEvent.click(within(edit).getByRole('button', { name: 'Opslaan' }));
    await waitFor(() =>
      expect(screen.getByTestId('action-items').textContent).not.toContain('uiterlijk'),
    );
    expect(requests.find((r) => r.method === 'PATCH')?.body).toMatchObject({ due: null });

    fireEvent.click(screen.getByRole('button', { name: 'Verwijderen: Notitie schrijven' }));
    expect(await screen.findByText('Nog geen actiepunten.')).toBeTruthy();
  });

  it('MIN-1 a refused action item (empty description) names the field, nothing is sent', async () => {
    const requests = server({ minutes: minutesDto(), actions: [] });
    renderPage('u_bram');
    const form = await screen.findByTestId('action-add-form');
    fireEvent.click(within(form).getByRole('button', { name: 'Actiepunt toevoegen' }));
    await waitFor(() =>
      expect(within(form).getByLabelText('Omschrijving').getAttribute('aria-invalid')).toBe('true'),
    );
    expect(requests.filter((r) => r.method === 'POST')).toEqual([]);
  });
});

describe('parseMarkdown', () => {
  it('nests bullets by indentation and keeps escapes literal', () => {
    const blocks = parseMarkdown('- a\n  - b\n- c \\*x\\*\n\npara\nline');
    expect(blocks).toMatchObject([
      {
        kind: 'list',
        items: [
          { spans: [{ text: 'a' }], children: [{ spans: [{ text: 'b' }] }] },
          { spans: [{ text: 'c *x*', bold: false }] },
        ],
      },
      { kind: 'paragraph', spans: [{ text: 'para line' }] },
    ]);
  });

  it('treats an unmatched marker as text', () => {
    expect(parseMarkdown('a ** b')).toMatchObject([
      { kind: 'paragraph', spans: [{ text: 'a ** b', bold: false }] },
    ]);
  });
});

describe('minutes route', () => {
  it('paths.minutes builds the address parseRoute reads back as the minutes page', () => {
    expect(paths.minutes('w_1', 'm1')).toBe('/w/w_1/vergaderingen/m1/verslag');
    expect(parseRoute(paths.minutes('w_1', 'm1'))).toEqual({
      page: 'minutes',
      workspaceId: 'w_1',
      meetingId: 'm1',
    });
    expect(parseRoute('/w/w_1/vergaderingen/m1').page).toBe('meeting');
  });
});
