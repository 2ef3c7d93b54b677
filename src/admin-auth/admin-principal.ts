import { AdminRole } from '../companies/entities/admin.entity';

/** Who is calling the admin API: resolved from an admin API key. */
export interface AdminPrincipal {
  adminId: string;
  /** Kept beside the id in the audit log. */
  email: string;
  companyId: string;
  role: AdminRole;
}
