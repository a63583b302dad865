import { can, type Permission } from '@callboard/contracts';
import { useSession } from '@/api/get-session';

/**
 * Whether the signed-in user's role grants a permission. The BFF refuses what the role lacks anyway; the
 * SPA asks only to hide controls and columns that would end in a 403.
 */
export function useCan(permission: Permission): boolean {
  const { data } = useSession();
  return data?.user ? can(data.user.role, permission) : false;
}
