/** A parameterised SQL condition; `params` fill its `$n` placeholders in order. */
export interface SqlFragment {
  sql: string;
  params: unknown[];
}

/**
 * Binds values and names their placeholders, numbered after the caller's own parameters:
 * with an offset of 1 (the caller's `company_id = $1`), the first bound value is `$2`.
 */
export class SqlParameters {
  readonly values: unknown[] = [];

  constructor(private readonly offset: number) {
    if (!Number.isInteger(offset) || offset < 0) throw new Error(`Invalid parameter offset: ${offset}`);
  }

  bind(value: unknown): string {
    this.values.push(value);
    return `$${this.offset + this.values.length}`;
  }
}

/** A text literal for a constant of this codebase (a field name, a record kind), never for a client's value. */
export function textLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** Escapes LIKE wildcards so a client's `%`, `_` and `\` match themselves (`\` is LIKE's default escape). */
export function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}
