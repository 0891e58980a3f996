/**
 * The plan form's date field is `datetime-local`: local wall time without a zone
 * ("2026-12-01T19:30"). The API speaks in instants. These two convert between them in the
 * browser's own time zone, which is the zone the facilitator typed the time in.
 */

/** Wall time → ISO instant. Text that is no date is returned as it is, for the schema to reject. */
export function toInstant(local: string): string {
  const at = new Date(local);
  return Number.isNaN(at.getTime()) ? local : at.toISOString();
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** ISO instant → wall time to the minute, as a `datetime-local` input wants its value. */
export function toLocalInput(instant: string): string {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return '';
  return (
    `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}` +
    `T${pad(at.getHours())}:${pad(at.getMinutes())}`
  );
}
