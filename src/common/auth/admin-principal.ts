/** An admin's role; the values of the `admins.role` column. */
export type AdminRoleName = 'admin' | 'super_admin';

/** Who is calling the admin API: resolved from an admin API key. */
export interface AdminPrincipal {
  adminId: string;
  /** Kept beside the id in the audit log. */
  email: string;
  companyId: string;
  role: AdminRoleName;
}

export function isSuperAdmin(principal: AdminPrincipal): boolean {
  return principal.role === 'super_admin';
}
