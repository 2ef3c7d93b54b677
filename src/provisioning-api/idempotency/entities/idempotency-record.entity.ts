import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The first answer to a Provisioning API write sent with an Idempotency-Key, kept 24 hours per API key. The row is
 * inserted as the write begins and completed in the write's own transaction, so it is seen only with its answer.
 */
@Entity({ name: 'idempotency_records' })
@Index('IDX_idempotency_records_created_at', ['createdAt'])
export class IdempotencyRecord {
  @PrimaryColumn({ name: 'company_id', type: 'uuid' })
  companyId: string;

  /** The Provisioning API key that sent it: each key has its own idempotency keys. */
  @PrimaryColumn({ name: 'api_key_id', type: 'uuid' })
  apiKeyId: string;

  @PrimaryColumn({ name: 'idempotency_key', type: 'varchar', length: 255 })
  idempotencyKey: string;

  /** SHA-256 of the method, the path and the JSON body. */
  @Column({ type: 'bytea' })
  fingerprint: Buffer;

  @Column({ name: 'response_status', type: 'integer', nullable: true })
  responseStatus: number | null;

  @Column({ name: 'response_body', type: 'jsonb', nullable: true })
  responseBody: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
