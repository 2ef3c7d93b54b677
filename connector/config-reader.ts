import { ConfigError } from './config-error';

/** Reads typed values out of the parsed YAML, each error naming the dotted key it is about. */
export class ConfigReader {
  constructor(
    private readonly value: unknown,
    readonly key: string,
  ) {}

  child(name: string): ConfigReader {
    const table = this.table();
    return new ConfigReader(table[name], this.key ? `${this.key}.${name}` : name);
  }

  /** Refuses keys the agent does not know: a misspelt key would otherwise be silently ignored. */
  only(...names: string[]): this {
    const unknown = Object.keys(this.table()).filter((name) => !names.includes(name));
    if (unknown.length > 0) {
      const at = this.key ? `${this.key}.${unknown[0]}` : unknown[0];
      throw new ConfigError(at, `unknown key; expected one of ${names.join(', ')}`);
    }
    return this;
  }

  get present(): boolean {
    return this.value !== undefined && this.value !== null;
  }

  table(): Record<string, unknown> {
    if (this.value === undefined || this.value === null) return {};
    if (typeof this.value !== 'object' || Array.isArray(this.value))
      throw new ConfigError(this.key || '(file)', 'must be a mapping of keys');
    return this.value as Record<string, unknown>;
  }

  string(fallback?: string): string {
    if (!this.present) {
      if (fallback !== undefined) return fallback;
      throw new ConfigError(this.key, 'is required');
    }
    if (typeof this.value !== 'string' || this.value.trim() === '') throw new ConfigError(this.key, 'must be a non-empty string');
    return this.value.trim();
  }

  optionalString(): string | null {
    return this.present ? this.string() : null;
  }

  boolean(fallback: boolean): boolean {
    if (!this.present) return fallback;
    if (typeof this.value !== 'boolean') throw new ConfigError(this.key, 'must be true or false');
    return this.value;
  }

  integer(fallback: number, min: number, max: number): number {
    if (!this.present) return fallback;
    if (typeof this.value !== 'number' || !Number.isInteger(this.value) || this.value < min || this.value > max) {
      throw new ConfigError(this.key, `must be a whole number from ${min} to ${max}`);
    }
    return this.value;
  }

  oneOf<T extends string>(choices: readonly T[], fallback?: T): T {
    const value = this.string(fallback);
    if (!(choices as readonly string[]).includes(value)) throw new ConfigError(this.key, `must be one of ${choices.join(', ')}`);
    return value as T;
  }

  /** A list of non-empty strings; a single string is taken as a list of one. */
  strings(required: boolean): string[] {
    if (!this.present) {
      if (required) throw new ConfigError(this.key, 'is required (a list)');
      return [];
    }
    const list = typeof this.value === 'string' ? [this.value] : this.value;
    if (!Array.isArray(list)) throw new ConfigError(this.key, 'must be a list of strings');
    const values = list.map((item, index) => new ConfigReader(item, `${this.key}[${index}]`).string());
    if (required && values.length === 0) throw new ConfigError(this.key, 'must not be empty');
    return values;
  }
}
