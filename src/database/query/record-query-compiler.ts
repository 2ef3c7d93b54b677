import { RecordCondition, RecordField, RecordSort } from '../../common/query/record-query';
import { ColumnMap, ColumnSql } from './column-map';
import { SqlFragment, SqlParameters, textLiteral } from './sql-parameters';
import { columnOperand, jsonbBooleanOperand, textOperand, ValueOperand } from './value-operands';

/** Where the fields of one level of a condition live: the record's, or a list element's. */
interface FieldScope {
  columns: Record<string, ColumnSql>;
  /** The jsonb object holding the other fields. */
  document?: string;
}

/** A WHERE condition for a RecordCondition over the owner's columns; placeholders numbered after `paramOffset`. */
export function compileCondition(condition: RecordCondition, map: ColumnMap, paramOffset: number): SqlFragment {
  const params = new SqlParameters(paramOffset);
  const sql = new ConditionCompiler(map, params).compile(condition, rootScope(map));
  return { sql, params: params.values };
}

/** An ORDER BY list (without the keywords), ending with the id so that pages are stable. */
export function compileSort(sort: RecordSort | undefined, map: ColumnMap): string {
  if (!map.order) throw new Error('The records of this column map have no order');
  const id = `${map.alias}.${map.order.id}`;
  if (!sort) return `${map.alias}.${map.order.createdAt} ASC, ${id} ASC`;
  const direction = sort.descending ? 'DESC' : 'ASC';
  // PostgreSQL puts NULLs last when ascending and first when descending, which is where missing values belong.
  return `${sortKey(sort, map)} ${direction}, ${id} ${direction}`;
}

function sortKey({ key }: RecordSort, map: ColumnMap): string {
  switch (key.kind) {
    case 'none':
      // A bare NULL would be refused in ORDER BY as a non-integer constant.
      return 'NULL::text';
    case 'field':
      return fieldOperand(key.field, rootScope(map)).sortKey;
    case 'element': {
      const list = documentList(map, key.list);
      const element = fieldOperand(key.field, { columns: {}, document: `${list.alias}.v` });
      return (
        `(SELECT ${element.sortKey} FROM ${list.elements} WITH ORDINALITY AS ${list.alias}(v, position)` +
        ` ORDER BY (${list.alias}.v->'primary' = 'true'::jsonb) IS TRUE DESC, ${list.alias}.position LIMIT 1)`
      );
    }
  }
}

class ConditionCompiler {
  constructor(
    private readonly map: ColumnMap,
    private readonly params: SqlParameters,
  ) {}

  compile(condition: RecordCondition, scope: FieldScope): string {
    switch (condition.kind) {
      case 'and':
      case 'or':
        return `(${condition.conditions.map((operand) => this.compile(operand, scope)).join(condition.kind === 'and' ? ' AND ' : ' OR ')})`;
      case 'not':
        // A comparison with a missing field is NULL in SQL, and NOT NULL is not true: IS NOT TRUE makes
        // `not (title eq "x")` match a record without a title.
        return `(${this.compile(condition.condition, scope)}) IS NOT TRUE`;
      case 'constant':
        return condition.value ? 'TRUE' : 'FALSE';
      case 'compare':
        return fieldOperand(condition.field, scope).compare(condition.operator, condition.value, this.params);
      case 'present':
        return fieldOperand(condition.field, scope).present();
      case 'in':
        return `${uuidColumn(condition.field, scope)} = ANY(${this.params.bind(condition.values)}::uuid[])`;
      case 'filled':
        return this.filled(condition.path, condition.shape);
      case 'some':
        return this.some(condition.list, condition.condition);
      case 'related':
        throw new Error(`A condition on related "${condition.relation}" records must be resolved before it is compiled`);
    }
  }

  private filled(path: readonly string[], shape: 'object' | 'list'): string {
    const rows = this.map.rowLists?.[path.join('.')];
    if (rows) return `EXISTS (SELECT 1 FROM ${rows.from} ${rows.alias} WHERE ${rows.correlation})`;
    const value = documentPath(this.map, path);
    return shape === 'object'
      ? `(jsonb_typeof(${value}) = 'object' AND ${value} <> '{}'::jsonb)`
      : `(jsonb_typeof(${value}) = 'array' AND ${value} <> '[]'::jsonb)`;
  }

  private some(path: readonly string[], condition: RecordCondition): string {
    const rows = this.map.rowLists?.[path.join('.')];
    if (rows) {
      const inner = this.compile(condition, { columns: rows.columns });
      return `EXISTS (SELECT 1 FROM ${rows.from} ${rows.alias} WHERE ${rows.correlation} AND (${inner}))`;
    }
    const list = documentList(this.map, path);
    const inner = this.compile(condition, { columns: {}, document: `${list.alias}.v` });
    return `EXISTS (SELECT 1 FROM ${list.elements} AS ${list.alias}(v) WHERE ${inner})`;
  }
}

function rootScope(map: ColumnMap): FieldScope {
  return { columns: map.columns, document: map.document && `${map.alias}.${map.document}` };
}

function fieldOperand(field: RecordField, scope: FieldScope): ValueOperand {
  if ('constant' in field) return textOperand(`${textLiteral(field.constant)}::text`, field.caseExact);
  const column = scope.columns[field.path.join('.')];
  if (column) return columnOperand(column, field.type === 'text', field.caseExact);
  if (!scope.document) throw new Error(`No storage for the field "${field.path.join('.')}"`);
  const object = [scope.document, ...field.path.slice(0, -1).map(textLiteral)].join('->');
  const key = textLiteral(field.path[field.path.length - 1]);
  switch (field.type) {
    case 'text':
      return textOperand(`${object}->>${key}`, field.caseExact);
    case 'boolean':
      return jsonbBooleanOperand(`${object}->${key}`);
    default:
      throw new Error(`The field "${field.path.join('.')}" is no ${field.type} column`);
  }
}

function uuidColumn(field: RecordField, scope: FieldScope): string {
  const column = 'path' in field ? scope.columns[field.path.join('.')] : undefined;
  if (column?.kind !== 'uuid') throw new Error('Only a uuid column can be matched against a list of values');
  return column.expression;
}

function documentPath(map: ColumnMap, path: readonly string[]): string {
  if (!map.document) throw new Error(`No storage for the field "${path.join('.')}"`);
  return [`${map.alias}.${map.document}`, ...path.map(textLiteral)].join('->');
}

/** The elements of a jsonb list; anything but an array reads as empty, so that unexpected data cannot make it fail. */
function documentList(map: ColumnMap, path: readonly string[]): { alias: string; elements: string } {
  const array = documentPath(map, path);
  const name = path[path.length - 1].toLowerCase().replace(/[^a-z0-9_]/g, '_');
  return {
    alias: `${map.alias}_${name}`,
    elements: `jsonb_array_elements(CASE WHEN jsonb_typeof(${array}) = 'array' THEN ${array} ELSE '[]'::jsonb END)`,
  };
}
