/**
 * Calendar dates as editors write them (YYYY-MM-DD). A date that has the right shape but is
 * not a day of the calendar (2021-02-30, 2021-13-01, 0000-00-00) is refused where it is
 * written, never printed as "30 February 2021" or turned into "45 undefined 2021" later.
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Why a YYYY-MM-DD string is not a calendar date, or undefined when it is one. */
export function calendarDateProblem(value: string): string | undefined {
  const m = ISO.exec(value);
  if (!m) return 'is not written YYYY-MM-DD';
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1) return 'has year 0000 (years start at 0001)';
  if (month < 1 || month > 12) return `has month ${m[2]} (months are 01 to 12)`;
  const days = daysIn(year, month);
  if (day < 1 || day > days) return `has day ${m[3]}, but ${year}-${m[2]} has ${days} days`;
  return undefined;
}

export function isCalendarDate(value: string): boolean {
  return calendarDateProblem(value) === undefined;
}
