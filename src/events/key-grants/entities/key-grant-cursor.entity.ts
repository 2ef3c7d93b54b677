import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How far the key-grant consumer has read the change events (all companies); advanced with the tasks it derived. */
@Entity({ name: 'key_grant_cursor' })
export class KeyGrantCursor {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  consumer: string;

  @Column({ type: 'bigint' })
  position: string;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
