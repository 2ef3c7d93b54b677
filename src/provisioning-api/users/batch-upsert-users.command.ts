import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AccountsService } from '../../accounts/accounts.service';
import { UserAccount, UserState } from '../../accounts/entities/user-account.entity';
import { isActiveState } from '../../accounts/user-lifecycle';
import { ProvisioningPrincipal } from '../../common/auth/provisioning-principal';
import { ApiErrorCode } from '../../common/errors/api-error-code';
import { ApiException } from '../../common/errors/api.exception';
import { DomainException, httpStatusOf } from '../../common/errors/domain.exception';
import { validationException } from '../../common/validation/validation-exception.factory';
import { TransactionHost } from '../../database/transaction-host';
import { changeSourceOf } from '../provisioning-change-source';
import { changedUserProfile, newUserProfile, sameProfile } from './api-user-profile';
import { CreateApiUserRequestDto } from './dto/api-user.request.dto';
import { BatchItemErrorDto, BatchItemResultDto, BatchUpsertUsersResponseDto } from './dto/batch-upsert.dto';

/**
 * Creates or updates up to 1,000 users matched by email, in one transaction: one lookup of every email, one INSERT of
 * every new user (AccountsService.createUsers), an update per changed user. Each item succeeds or fails on its own.
 */
@Injectable()
export class BatchUpsertUsersCommand {
  constructor(
    private readonly accounts: AccountsService,
    private readonly transactions: TransactionHost,
  ) {}

  async execute(caller: ProvisioningPrincipal, items: unknown[]): Promise<BatchUpsertUsersResponseDto> {
    const results: BatchItemResultDto[] = items.map((item, index) => ({
      index,
      email: emailOf(item),
      outcome: 'failed',
      id: null,
      error: null,
    }));
    const valid = new Map<number, CreateApiUserRequestDto>();
    const firstIndexOf = new Map<string, number>();
    items.forEach((item, index) => {
      const parsed = parseItem(item);
      if (parsed instanceof ApiException) return fail(results[index], parsed);
      const key = parsed.email.toLowerCase();
      const earlier = firstIndexOf.get(key);
      if (earlier !== undefined) {
        return fail(
          results[index],
          new ApiException(409, ApiErrorCode.Conflict, `${parsed.email} is already item ${earlier} of this batch`),
        );
      }
      firstIndexOf.set(key, index);
      valid.set(index, parsed);
    });

    await this.transactions.run(async () => {
      const source = changeSourceOf(caller);
      const existing = await this.accounts.findUsersByUserNames(
        caller.companyId,
        [...valid.values()].map((item) => item.email),
      );
      const creates = [...valid].filter(([, item]) => !existing.has(item.email.toLowerCase()));
      const created = await this.accounts.createUsers(
        caller.companyId,
        source,
        creates.map(([, item]) => ({ profile: newUserProfile(item), active: item.active ?? true })),
      );
      creates.forEach(([index, item], position) => {
        const user = created[position];
        if (user) succeed(results[index], 'created', user);
        else fail(results[index], new ApiException(409, ApiErrorCode.Conflict, `A user with userName ${item.email} already exists`));
      });
      for (const [index, item] of valid) {
        const current = existing.get(item.email.toLowerCase());
        if (!current) continue;
        if (isUnchanged(current, item)) {
          succeed(results[index], 'unchanged', current);
          continue;
        }
        try {
          const updated = await this.accounts.changeUser(caller.companyId, source, current.id, (latest) => ({
            profile: changedUserProfile(latest, item),
            active: item.active,
          }));
          succeed(results[index], 'updated', updated);
        } catch (error) {
          if (!(error instanceof DomainException)) throw error;
          fail(results[index], error);
        }
      }
    });
    return { counts: countsOf(results), results };
  }
}

function parseItem(item: unknown): CreateApiUserRequestDto | ApiException {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    return new ApiException(400, ApiErrorCode.ValidationFailed, 'Each item must be a JSON object with at least an email');
  }
  const parsed = plainToInstance(CreateApiUserRequestDto, item);
  const errors = validateSync(parsed, { whitelist: true, forbidNonWhitelisted: true });
  return errors.length > 0 ? validationException(errors) : parsed;
}

function isUnchanged(current: UserAccount, item: CreateApiUserRequestDto): boolean {
  const stateKept = item.active === undefined || (item.active ? isActiveState(current.state) : current.state === UserState.Disabled);
  return stateKept && sameProfile(current, changedUserProfile(current, item));
}

function emailOf(item: unknown): string | null {
  const email = (item as { email?: unknown } | null)?.email;
  return typeof email === 'string' ? email : null;
}

function succeed(result: BatchItemResultDto, outcome: 'created' | 'updated' | 'unchanged', user: UserAccount): void {
  Object.assign(result, { outcome, id: user.id, error: null });
}

function fail(result: BatchItemResultDto, error: ApiException | DomainException): void {
  const itemError: BatchItemErrorDto =
    error instanceof ApiException
      ? { statusCode: error.getStatus(), code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) }
      : { statusCode: httpStatusOf(error.code), code: error.code, message: error.message };
  Object.assign(result, { outcome: 'failed', id: null, error: itemError });
}

function countsOf(results: BatchItemResultDto[]): BatchUpsertUsersResponseDto['counts'] {
  const counts = { created: 0, updated: 0, unchanged: 0, failed: 0 };
  for (const result of results) counts[result.outcome]++;
  return counts;
}
