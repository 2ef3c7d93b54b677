import { RecordCondition } from '../../common/query/record-query';
import { ComparisonNode, FilterNode, PresentNode } from './filter.ast';
import { AliasContext } from './resource-filter-mapping';

/**
 * `email` is no SCIM attribute, but it is the name identity-provider admins type as the unique identifier for
 * users (Okta then looks users up with `email eq "…"`). It stands for the userName (an email address) or any
 * `emails.value`, compared as those are (case-insensitively). The addresses have no index: like any filter on
 * `emails`, this reads the company's users.
 */
export function emailAliasCondition(filter: ComparisonNode | PresentNode, { translate }: AliasContext): RecordCondition | undefined {
  if (filter.attributePath.toLowerCase() !== 'email') return undefined;
  const addresses: FilterNode = { kind: 'valuePath', attributePath: 'emails', filter: retarget(filter, 'value') };
  return { kind: 'or', conditions: [translate(retarget(filter, 'userName')), translate(addresses)] };
}

function retarget(filter: ComparisonNode | PresentNode, attributePath: string): ComparisonNode | PresentNode {
  return { ...filter, attributePath };
}
