export type PatchOpName = 'add' | 'replace' | 'remove';

/** One validated RFC 7644 §3.5.2 operation, `op` lower-cased. */
export type PatchOperation = { op: 'add' | 'replace'; path?: string; value: unknown } | { op: 'remove'; path: string; value?: unknown };
