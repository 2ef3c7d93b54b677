/** RFC 7644 §3.4.2.2 comparison operators (`pr` is a node of its own: it takes no value). */
export type ComparisonOperator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

export const COMPARISON_OPERATORS: readonly ComparisonOperator[] = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'];

/** A compValue: a JSON string (or a bare token read as one), number, boolean or null. */
export type FilterValue =
  | { type: 'string'; value: string }
  | { type: 'number'; value: number; text: string }
  | { type: 'boolean'; value: boolean }
  | { type: 'null' };

/**
 * Attribute paths are kept as written (`name.familyName`, `urn:...:enterprise:2.0:User:manager.value`):
 * the schema resolves them. Inside a value path they are relative to the multi-valued attribute.
 */
export interface ComparisonNode {
  kind: 'comparison';
  attributePath: string;
  operator: ComparisonOperator;
  value: FilterValue;
}

export interface PresentNode {
  kind: 'present';
  attributePath: string;
}

export interface LogicalNode {
  kind: 'and' | 'or';
  filters: FilterNode[];
}

export interface NotNode {
  kind: 'not';
  filter: FilterNode;
}

/** `emails[type eq "work" and value co "@acme.test"]`: some element of the attribute matches the filter. */
export interface ValuePathNode {
  kind: 'valuePath';
  attributePath: string;
  filter: FilterNode;
}

export type FilterNode = ComparisonNode | PresentNode | LogicalNode | NotNode | ValuePathNode;
