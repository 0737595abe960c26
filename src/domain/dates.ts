/** Calendar days as 'YYYY-MM-DD': one check for "is this a real day" used everywhere. */

/** The day as YYYY-MM-DD, or null when it does not exist (2026-02-30, month 13 …). */
export function calendarDate(year: number, month: number, day: number): string | null {
  if (![year, month, day].every(Number.isInteger) || month < 1 || month > 12 || day < 1) return null;
  // Day 0 of the next month is the last day of this one.
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Whether `value` is a real day written as YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m !== null && calendarDate(Number(m[1]), Number(m[2]), Number(m[3])) === value;
}

/** The same calendar day `years` later (earlier when negative); 29 February → 28 February. */
export function addYears(iso: string, years: number): string {
  const y = Number(iso.slice(0, 4)) + years;
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return calendarDate(y, m, Math.min(d, last))!;
}
