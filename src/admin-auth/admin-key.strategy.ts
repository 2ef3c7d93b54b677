import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-http-bearer';
import { AdminsService } from '../companies/admins.service';
import { AdminPrincipal } from './admin-principal';

export const ADMIN_KEY_STRATEGY = 'admin-key';

@Injectable()
export class AdminKeyStrategy extends PassportStrategy(Strategy, ADMIN_KEY_STRATEGY) {
  constructor(private readonly admins: AdminsService) {
    super();
  }

  async validate(apiKey: string): Promise<AdminPrincipal | false> {
    return (await this.admins.authenticate(apiKey)) ?? false;
  }
}
