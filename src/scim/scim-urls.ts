import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AppConfiguration } from '../config/configuration';
import { SCIM_BASE_PATH } from '../common/scim/scim-base-path';

/** Absolute URLs of SCIM resources, from PUBLIC_BASE_URL. */
@Injectable()
export class ScimUrls {
  readonly base: string;

  constructor(config: ConfigService<AppConfiguration, true>) {
    this.base = `${config.get('http', { infer: true }).publicBaseUrl}/${SCIM_BASE_PATH}`;
  }

  user(id: string): string {
    return `${this.base}/Users/${id}`;
  }

  group(id: string): string {
    return `${this.base}/Groups/${id}`;
  }
}
