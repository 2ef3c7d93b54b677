import { RecordOperator } from '../../common/query/record-query';
import { ColumnSql } from './column-map';
import { escapeLikePattern, SqlParameters } from './sql-parameters';

/** How comparisons, presence and sorting on one stored value translate to SQL. */
export interface ValueOperand {
  compare(operator: RecordOperator, value: string | number | boolean, params: SqlParameters): string;
  present(): string;
  sortKey: string;
}

const ORDERING_OPERATORS: Record<'gt' | 'ge' | 'lt' | 'le', string> = { gt: '>', ge: '>=', lt: '<', le: '<=' };

/**
 * A text expression. caseExact=false folds both sides with lower() and matches substrings with ILIKE;
 * `storedFold` names a column holding lower(expression), which is compared instead so that its index
 * serves (`u.user_name_key = lower($n)`; an index on lower() itself is unusable under row-level
 * security). Ordering is by code point (COLLATE "C"), whatever the database's locale.
 */
export function textOperand(expression: string, caseExact: boolean, storedFold?: string): ValueOperand {
  const fold = (sql: string) => (caseExact ? sql : `lower(${sql})`);
  const folded = caseExact ? expression : (storedFold ?? fold(expression));
  const like = caseExact ? 'LIKE' : 'ILIKE';
  return {
    compare(operator, value, params) {
      const text = String(value);
      switch (operator) {
        case 'eq':
          return `${folded} = ${fold(params.bind(text))}`;
        case 'ne':
          return `${folded} IS DISTINCT FROM ${fold(params.bind(text))}`;
        case 'co':
          return `${expression} ${like} ${params.bind(`%${escapeLikePattern(text)}%`)}`;
        case 'sw':
          return `${expression} ${like} ${params.bind(`${escapeLikePattern(text)}%`)}`;
        case 'ew':
          return `${expression} ${like} ${params.bind(`%${escapeLikePattern(text)}`)}`;
        default:
          return `${folded} COLLATE "C" ${ORDERING_OPERATORS[operator]} ${fold(params.bind(text))}`;
      }
    },
    present: () => `${expression} <> ''`,
    sortKey: `${storedFold && !caseExact ? `NULLIF(${storedFold}, '')` : fold(`NULLIF(${expression}, '')`)} COLLATE "C"`,
  };
}

/** A uuid column, compared for equality with a uuid. */
export function uuidOperand(expression: string): ValueOperand {
  return {
    compare: (operator, value, params) => `${expression} ${equality(operator)} ${params.bind(value)}::uuid`,
    present: () => `${expression} IS NOT NULL`,
    sortKey: expression,
  };
}

/** A timestamptz column, compared with an ISO 8601 timestamp. */
export function timestampOperand(expression: string): ValueOperand {
  return {
    compare(operator, value, params) {
      const parameter = `${params.bind(value)}::timestamptz`;
      if (operator === 'eq' || operator === 'ne') return `${expression} ${equality(operator)} ${parameter}`;
      return `${expression} ${ORDERING_OPERATORS[operator as keyof typeof ORDERING_OPERATORS]} ${parameter}`;
    },
    present: () => `${expression} IS NOT NULL`,
    sortKey: expression,
  };
}

/** An integer column that is never null (a version), compared for equality. */
export function integerOperand(expression: string): ValueOperand {
  return {
    compare: (operator, value, params) => `${expression} ${operator === 'eq' ? '=' : '<>'} ${params.bind(value)}`,
    present: () => 'TRUE',
    sortKey: expression,
  };
}

/** A boolean stored in jsonb, compared as jsonb so that no cast can fail on unexpected data. */
export function jsonbBooleanOperand(jsonbExpression: string): ValueOperand {
  return {
    compare: (operator, value) => `${jsonbExpression} ${equality(operator)} '${value === true}'::jsonb`,
    present: () => `jsonb_typeof(${jsonbExpression}) = 'boolean'`,
    sortKey: `CASE WHEN jsonb_typeof(${jsonbExpression}) = 'boolean' THEN (${jsonbExpression})::boolean END`,
  };
}

/** A boolean derived from other columns: always present. */
export function derivedBooleanOperand(whenTrue: string, whenFalse: string): ValueOperand {
  return {
    compare: (operator, value) => ((value === true) === (operator === 'eq') ? whenTrue : whenFalse),
    present: () => 'TRUE',
    sortKey: `(${whenTrue})`,
  };
}

/** The operand of a column, compared as its own type or, when asked for text, as its text. */
export function columnOperand(column: ColumnSql, asText: boolean, caseExact: boolean): ValueOperand {
  switch (column.kind) {
    case 'text':
      return textOperand(column.expression, caseExact, column.folded);
    case 'uuid':
      return asText ? textOperand(`${column.expression}::text`, false) : uuidOperand(column.expression);
    case 'timestamp':
      return timestampOperand(column.expression);
    case 'integer':
      return integerOperand(column.expression);
    case 'derivedBoolean':
      return derivedBooleanOperand(column.whenTrue, column.whenFalse);
  }
}

function equality(operator: RecordOperator): string {
  return operator === 'eq' ? '=' : 'IS DISTINCT FROM';
}
