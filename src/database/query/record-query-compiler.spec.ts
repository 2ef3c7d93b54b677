import { RecordCondition, RecordField } from '../../common/query/record-query';
import { ColumnMap } from './column-map';
import { compileCondition, compileSort } from './record-query-compiler';

/** A catalogue of books: columns, a jsonb document for the rest, and loans kept in rows of another table. */
const BOOKS: ColumnMap = {
  alias: 'b',
  columns: {
    id: { kind: 'uuid', expression: 'b.id' },
    title: { kind: 'text', expression: 'b.title', folded: 'b.title_key' },
    isbn: { kind: 'text', expression: 'b.isbn' },
    published: { kind: 'timestamp', expression: 'b.published_at' },
    revision: { kind: 'integer', expression: 'b.revision' },
    available: { kind: 'derivedBoolean', whenTrue: `b.state = 'shelved'`, whenFalse: `b.state <> 'shelved'` },
  },
  rowLists: {
    loans: {
      from: 'loans',
      alias: 'b_l',
      correlation: 'b_l.book_id = b.id',
      columns: { readerId: { kind: 'uuid', expression: 'b_l.reader_id' } },
    },
  },
  document: 'details',
  order: { id: 'id', createdAt: 'created_at' },
};

const BOOK_ID = '6f1c1a52-3c1e-4a53-9f7e-2d8e4b0c1a01';
const text = (path: string[], caseExact = false): RecordField => ({ path, type: 'text', caseExact });
const sql = (condition: RecordCondition, paramOffset = 1) => compileCondition(condition, BOOKS, paramOffset);

describe(compileCondition.name, () => {
  it('compares a folded text column through its stored fold, so that its index serves', () => {
    expect(sql({ kind: 'compare', field: text(['title']), operator: 'eq', value: 'Dune' })).toEqual({
      sql: 'b.title_key = lower($2)',
      params: ['Dune'],
    });
    expect(sql({ kind: 'compare', field: text(['title']), operator: 'ge', value: 'm' }).sql).toBe('b.title_key COLLATE "C" >= lower($2)');
  });

  it('compares case-exact text as it is, and escapes LIKE wildcards', () => {
    expect(sql({ kind: 'compare', field: text(['isbn'], true), operator: 'eq', value: 'X' })).toEqual({
      sql: 'b.isbn = $2',
      params: ['X'],
    });
    expect(sql({ kind: 'compare', field: text(['isbn'], true), operator: 'co', value: 'a%b_c\\' })).toEqual({
      sql: 'b.isbn LIKE $2',
      params: ['%a\\%b\\_c\\\\%'],
    });
    expect(sql({ kind: 'compare', field: text(['isbn']), operator: 'sw', value: 'x' })).toEqual({ sql: 'b.isbn ILIKE $2', params: ['x%'] });
  });

  it('compares a uuid column as a uuid, or as its text when asked for text', () => {
    expect(sql({ kind: 'compare', field: { path: ['id'], type: 'uuid', caseExact: true }, operator: 'ne', value: BOOK_ID })).toEqual({
      sql: 'b.id IS DISTINCT FROM $2::uuid',
      params: [BOOK_ID],
    });
    expect(sql({ kind: 'compare', field: text(['id']), operator: 'eq', value: 'x' }).sql).toBe('lower(b.id::text) = lower($2)');
    expect(sql({ kind: 'in', field: { path: ['id'], type: 'uuid', caseExact: true }, values: [BOOK_ID] })).toEqual({
      sql: 'b.id = ANY($2::uuid[])',
      params: [[BOOK_ID]],
    });
  });

  it('compares timestamps, integers and derived booleans', () => {
    const published: RecordField = { path: ['published'], type: 'timestamp', caseExact: true };
    expect(sql({ kind: 'compare', field: published, operator: 'lt', value: '2024-01-01T00:00:00Z' }).sql).toBe(
      'b.published_at < $2::timestamptz',
    );
    expect(sql({ kind: 'present', field: published }).sql).toBe('b.published_at IS NOT NULL');
    const revision: RecordField = { path: ['revision'], type: 'version', caseExact: true };
    expect(sql({ kind: 'compare', field: revision, operator: 'ne', value: 3 })).toEqual({ sql: 'b.revision <> $2', params: [3] });
    const available: RecordField = { path: ['available'], type: 'boolean', caseExact: true };
    expect(sql({ kind: 'compare', field: available, operator: 'ne', value: true }).sql).toBe(`b.state <> 'shelved'`);
    expect(sql({ kind: 'present', field: available }).sql).toBe('TRUE');
  });

  it('reads any other field from the document under its path', () => {
    expect(sql({ kind: 'compare', field: text(['author', 'name']), operator: 'eq', value: 'x' }).sql).toBe(
      "lower(b.details->'author'->>'name') = lower($2)",
    );
    expect(sql({ kind: 'compare', field: { path: ['signed'], type: 'boolean', caseExact: true }, operator: 'eq', value: false }).sql).toBe(
      "b.details->'signed' = 'false'::jsonb",
    );
    expect(sql({ kind: 'filled', path: ['author'], shape: 'object' }).sql).toBe(
      "(jsonb_typeof(b.details->'author') = 'object' AND b.details->'author' <> '{}'::jsonb)",
    );
  });

  it('matches some element of a document list, or of a list kept in rows', () => {
    const tags = `jsonb_array_elements(CASE WHEN jsonb_typeof(b.details->'tags') = 'array' THEN b.details->'tags' ELSE '[]'::jsonb END)`;
    expect(
      sql({ kind: 'some', list: ['tags'], condition: { kind: 'compare', field: text(['value']), operator: 'eq', value: 'sf' } }).sql,
    ).toBe(`EXISTS (SELECT 1 FROM ${tags} AS b_tags(v) WHERE lower(b_tags.v->>'value') = lower($2))`);
    const reader: RecordField = { path: ['readerId'], type: 'uuid', caseExact: true };
    expect(sql({ kind: 'some', list: ['loans'], condition: { kind: 'compare', field: reader, operator: 'eq', value: BOOK_ID } }).sql).toBe(
      'EXISTS (SELECT 1 FROM loans b_l WHERE b_l.book_id = b.id AND (b_l.reader_id = $2::uuid))',
    );
    expect(sql({ kind: 'filled', path: ['loans'], shape: 'list' }).sql).toBe('EXISTS (SELECT 1 FROM loans b_l WHERE b_l.book_id = b.id)');
  });

  it('combines conditions; not matches a record without the field; constants stand as they are', () => {
    const isbn = text(['isbn'], true);
    const condition: RecordCondition = {
      kind: 'or',
      conditions: [
        { kind: 'not', condition: { kind: 'compare', field: isbn, operator: 'eq', value: 'a' } },
        {
          kind: 'and',
          conditions: [
            { kind: 'constant', value: true },
            { kind: 'compare', field: { constant: 'Book', type: 'text', caseExact: true }, operator: 'eq', value: 'b' },
          ],
        },
      ],
    };
    expect(sql(condition, 3)).toEqual({ sql: "((b.isbn = $4) IS NOT TRUE OR (TRUE AND 'Book'::text = $5))", params: ['a', 'b'] });
  });

  it('refuses what the owner must resolve first, and fields it does not store', () => {
    expect(() => sql({ kind: 'related', relation: 'shelves' })).toThrow('must be resolved before it is compiled');
    const noDocument: ColumnMap = { ...BOOKS, document: undefined };
    expect(() => compileCondition({ kind: 'present', field: text(['author']) }, noDocument, 1)).toThrow(
      'No storage for the field "author"',
    );
  });
});

describe(compileSort.name, () => {
  it('orders by creation without a sort, and always ends with the id', () => {
    expect(compileSort(undefined, BOOKS)).toBe('b.created_at ASC, b.id ASC');
    expect(compileSort({ key: { kind: 'field', field: text(['title']) }, descending: true }, BOOKS)).toBe(
      `NULLIF(b.title_key, '') COLLATE "C" DESC, b.id DESC`,
    );
    expect(compileSort({ key: { kind: 'none' }, descending: false }, BOOKS)).toBe('NULL::text ASC, b.id ASC');
  });

  it('sorts by the primary, or else first, element of a document list', () => {
    const tags = `jsonb_array_elements(CASE WHEN jsonb_typeof(b.details->'tags') = 'array' THEN b.details->'tags' ELSE '[]'::jsonb END)`;
    expect(compileSort({ key: { kind: 'element', list: ['tags'], field: text(['value'], true) }, descending: false }, BOOKS)).toBe(
      `(SELECT NULLIF(b_tags.v->>'value', '') COLLATE "C" FROM ${tags} WITH ORDINALITY AS b_tags(v, position)` +
        ` ORDER BY (b_tags.v->'primary' = 'true'::jsonb) IS TRUE DESC, b_tags.position LIMIT 1) ASC, b.id ASC`,
    );
  });

  it('refuses to sort records whose map declares no order', () => {
    expect(() => compileSort(undefined, { ...BOOKS, order: undefined })).toThrow('no order');
  });
});
