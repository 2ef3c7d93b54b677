/** A configuration problem, naming the key at fault (`ldap.urls[1]`): the agent stops before it reads or sends anything. */
export class ConfigError extends Error {
  constructor(
    readonly key: string,
    problem: string,
  ) {
    super(`${key}: ${problem}`);
  }
}
