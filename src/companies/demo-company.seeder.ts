import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AppConfiguration } from '../config/configuration';
import { CompaniesService } from './companies.service';

const DEMO_COMPANY_NAME = 'Demo Company';
const DEMO_SUPER_ADMIN_EMAIL = 'admin@demo.example';

/**
 * First start without INTERNAL_API_TOKENS: nothing could create a company, so make one and
 * print its admin key. Start-up calls it once the port is bound, so a start that fails creates
 * nothing and prints no secret. This and `npm run admin -- issue-key` are the only places a secret is printed.
 */
@Injectable()
export class DemoCompanySeeder {
  constructor(
    private readonly companies: CompaniesService,
    private readonly config: ConfigService<AppConfiguration, true>,
  ) {}

  async seedIfEmpty(): Promise<void> {
    if (this.config.get('internalApi', { infer: true }).credentials.length > 0) return;
    const created = await this.companies.createDemoCompanyIfEmpty(DEMO_COMPANY_NAME, DEMO_SUPER_ADMIN_EMAIL);
    if (!created) return;
    const baseUrl = this.config.get('http', { infer: true }).publicBaseUrl;
    process.stdout.write(
      [
        '',
        '================ First start: demo company created ================',
        `Company:            ${created.company.name} (${created.company.id})`,
        `Super admin:        ${created.superAdmin.admin.email}`,
        `Admin API key:      ${created.superAdmin.apiKey}`,
        '                    (shown once; it is stored only as a hash)',
        `Admin API:          ${baseUrl}/api/admin`,
        `API docs:           ${baseUrl}/api/docs`,
        `SCIM base URL:      ${baseUrl}/scim/v2`,
        'Next: create a provisioning token for your identity provider with',
        `  curl -X POST -H "Authorization: Bearer <admin API key>" ${baseUrl}/api/admin/directory-integrations/okta/token`,
        '==================================================================',
        '',
      ].join('\n'),
    );
  }
}
