import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserAccount } from '../../accounts/entities/user-account.entity';
import { Group } from './group.entity';

@Entity({ name: 'group_members' })
@Index('IDX_group_members_user', ['companyId', 'userId'])
export class GroupMember {
  @PrimaryColumn({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @PrimaryColumn({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => Group, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'company_id', referencedColumnName: 'companyId', foreignKeyConstraintName: 'FK_group_members_group' },
    { name: 'group_id', referencedColumnName: 'id', foreignKeyConstraintName: 'FK_group_members_group' },
  ])
  group?: Group;

  @ManyToOne(() => UserAccount, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'company_id', referencedColumnName: 'companyId', foreignKeyConstraintName: 'FK_group_members_user' },
    { name: 'user_id', referencedColumnName: 'id', foreignKeyConstraintName: 'FK_group_members_user' },
  ])
  user?: UserAccount;
}
