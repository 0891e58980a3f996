import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { NewWorkspacePage, validateNewWorkspace } from './NewWorkspacePage';
import { fakeServer } from './testing';
import { resetSession } from './useSession';

beforeEach(() =>
  resetSession({ status: 'signed-in', user: { id: 'u_1', email: 'a@b.nl', name: 'Anna' } }),
);

const nameInputs = () => screen.getAllByRole('textbox', { name: 'Naam' });

describe('NewWorkspacePage', () => {
  it('starts with the corporation, the municipality and the tenants’ organisation', () => {
    render(<NewWorkspacePage />);
    expect(nameInputs().map((input) => (input as HTMLInputElement).value)).toEqual([
      'Woningcorporatie',
      'Gemeente',
      'Huurdersorganisatie',
    ]);
    const kinds = screen.getAllByRole('combobox', { name: 'Soort partij' });
    expect(kinds.map((select) => (select as HTMLSelectElement).value)).toEqual([
      'corporation',
      'municipality',
      'tenants',
    ]);
  });

  it('adds rows (focus moves into the new one) and never goes below two parties', () => {
    render(<NewWorkspacePage />);
    fireEvent.click(screen.getByRole('button', { name: 'Partij toevoegen' }));
    expect(nameInputs()).toHaveLength(4);
    expect(document.activeElement).toBe(nameInputs()[3]);
    fireEvent.click(screen.getByRole('button', { name: 'Verwijderen: Partij 4' }));
    fireEvent.click(screen.getByRole('button', { name: 'Verwijderen: Gemeente' }));
    expect(nameInputs().map((input) => (input as HTMLInputElement).value)).toEqual([
      'Woningcorporatie',
      'Huurdersorganisatie',
    ]);
    // At two parties the remove buttons are gone; focus stayed in the list.
    expect(screen.queryAllByRole('button', { name: /^Verwijderen/ })).toHaveLength(0);
    expect(document.activeElement).toBe(nameInputs()[1]);
  });

  it('shows problems at the fields, including a party row', async () => {
    const requests = fakeServer(() => ({ status: 500 }));
    render(<NewWorkspacePage />);
    fireEvent.change(nameInputs()[1] as HTMLElement, { target: { value: ' ' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Onderhandeling aanmaken' }));
      await Promise.resolve();
    });
    const title = screen.getByLabelText(/Naam van de onderhandeling/);
    expect(title.getAttribute('aria-invalid')).toBe('true');
    expect(nameInputs()[1]?.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(title);
    expect(requests).toHaveLength(0);
  });

  it('sends the negotiation and opens it', async () => {
    const requests = fakeServer(() => ({
      status: 201,
      body: { workspace: { id: 'w_new' } },
    }));
    render(<NewWorkspacePage />);
    fireEvent.change(screen.getByLabelText(/Naam van de onderhandeling/), {
      target: { value: 'Afspraken Voorbeeldstad' },
    });
    const row = screen.getAllByRole('group', { name: /Partij 3/ })[0] as HTMLElement;
    fireEvent.change(within(row).getByRole('combobox'), { target: { value: 'other' } });
    fireEvent.click(screen.getByRole('button', { name: 'Onderhandeling aanmaken' }));
    await waitFor(() => expect(window.location.pathname).toBe('/w/w_new'));
    expect(requests[0]?.body).toEqual({
      title: 'Afspraken Voorbeeldstad',
      municipality: '',
      period: '',
      parties: [
        { name: 'Woningcorporatie', kind: 'corporation' },
        { name: 'Gemeente', kind: 'municipality' },
        { name: 'Huurdersorganisatie', kind: 'other' },
      ],
      processFirst: true,
    });
    expect((window.history.state as { notice?: string }).notice).toBe('created');
  });
  it('process first is checked by default and can be turned off', async () => {
    const requests = fakeServer(() => ({ status: 201, body: { workspace: { id: 'w_new' } } }));
    render(<NewWorkspacePage />);
    const box = screen.getByRole('checkbox', { name: 'Eerst de procesafspraken vaststellen' });
    expect((box as HTMLInputElement).checked).toBe(true);
    expect(box.getAttribute('aria-describedby')).toBeTruthy();
    fireEvent.click(box);
    fireEvent.change(screen.getByLabelText(/Naam van de onderhandeling/), {
      target: { value: 'Zonder poort' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Onderhandeling aanmaken' }));
    // The header asks for the unread count too; only the POST matters here.
    const created = () => requests.find((r) => r.method === 'POST');
    await waitFor(() => expect(created()).toBeDefined());
    expect((created()?.body as { processFirst?: boolean }).processFirst).toBe(false);
  });
});

describe('validateNewWorkspace', () => {
  it('needs at least two parties', () => {
    const result = validateNewWorkspace({
      title: 'X',
      municipality: '',
      period: '',
      parties: [{ key: 0, name: 'Gemeente', kind: 'municipality' }],
      processFirst: true,
    });
    expect(result.ok ? null : result.errors).toEqual({ parties: { kind: 'tooFewParties' } });
  });
});
