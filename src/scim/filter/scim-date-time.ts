const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))?)?$/i;

/**
 * Validates an xsd:dateTime (RFC 7643 §2.3.5) and returns it in a form PostgreSQL reads as timestamptz:
 * a missing offset means UTC, and a bare date means midnight UTC. Undefined when the text is not a valid
 * date, so that it is rejected before it can make the cast fail in the database.
 */
export function parseScimDateTime(text: string): string | undefined {
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour = '00', minute = '00', second = '00', offset, offsetHours = '00', offsetMinutes = '00'] = match;
  const valid =
    Number(year) >= 1 &&
    Number(month) >= 1 &&
    Number(month) <= 12 &&
    Number(day) >= 1 &&
    Number(day) <= daysInMonth(Number(year), Number(month)) &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second) <= 59 &&
    Number(offsetHours) <= 14 &&
    Number(offsetMinutes) <= 59;
  if (!valid) return undefined;
  if (match[4] === undefined) return `${year}-${month}-${day}T00:00:00Z`;
  const dateTime = text.toUpperCase();
  return offset ? dateTime : `${dateTime}Z`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
