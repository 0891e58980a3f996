import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { Dialog } from './Dialog';
import './testing';

function Harness({ onClose = () => undefined }: { onClose?: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Openen
      </button>
      {open && (
        <Dialog
          title="Iets vragen"
          onClose={() => {
            onClose();
            setOpen(false);
          }}
        >
          <input aria-label="Eerste" data-autofocus />
          <button type="button">Laatste</button>
        </Dialog>
      )}
    </>
  );
}

describe('Dialog', () => {
  it('opens as a labelled modal with focus inside, on the marked field', () => {
    render(<Harness />);
    fireEvent.click(screen.getByRole('button', { name: 'Openen' }));
    const dialog = screen.getByRole('dialog', { name: 'Iets vragen' });
    expect(dialog).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('Eerste'));
  });

  it('keeps Tab and Shift+Tab inside the dialog', () => {
    render(<Harness />);
    fireEvent.click(screen.getByRole('button', { name: 'Openen' }));
    const dialog = screen.getByRole('dialog');
    const last = screen.getByRole('button', { name: 'Laatste' });
    const close = screen.getByRole('button', { name: 'Sluiten' });
    last.focus();
    fireEvent.keyDown(dialog, { key: 'Tab' });
    expect(document.activeElement).toBe(close);
    fireEvent.keyDown(dialog, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(last);
  });

  it('closes on Escape and gives focus back to the button that opened it', () => {
    const onClose = vi.fn();
    render(<Harness onClose={onClose} />);
    const opener = screen.getByRole('button', { name: 'Openen' });
    opener.focus();
    fireEvent.click(opener);
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('closes with its own close button', () => {
    render(<Harness />);
    fireEvent.click(screen.getByRole('button', { name: 'Openen' }));
    fireEvent.click(screen.getByRole('button', { name: 'Sluiten' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
