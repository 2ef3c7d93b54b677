import { ScimMessageUri } from './scim.constants';

/** RFC 7644 §3.12 detail error keywords. */
export enum ScimErrorType {
  InvalidFilter = 'invalidFilter',
  TooMany = 'tooMany',
  Uniqueness = 'uniqueness',
  Mutability = 'mutability',
  InvalidSyntax = 'invalidSyntax',
  InvalidPath = 'invalidPath',
  NoTarget = 'noTarget',
  InvalidValue = 'invalidValue',
  InvalidVersion = 'invalidVers',
  Sensitive = 'sensitive',
}

export interface ScimErrorBody {
  schemas: [ScimMessageUri.Error];
  status: string;
  scimType?: ScimErrorType;
  detail: string;
}

/** An error answered on SCIM routes as an RFC 7644 §3.12 body. */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly scimType?: ScimErrorType,
  ) {
    super(detail);
    this.name = 'ScimError';
  }

  static badRequest(scimType: ScimErrorType, detail: string): ScimError {
    return new ScimError(400, detail, scimType);
  }

  static notFound(detail: string): ScimError {
    return new ScimError(404, detail);
  }

  toBody(): ScimErrorBody {
    return {
      schemas: [ScimMessageUri.Error],
      status: String(this.status),
      ...(this.scimType ? { scimType: this.scimType } : {}),
      detail: this.detail,
    };
  }
}
