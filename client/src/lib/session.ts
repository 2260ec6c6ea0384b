import { createResource } from 'solid-js';
import { http } from './http';

/** Who is signed in, as `/api/auth/me` reports it. */
export interface Me {
  kind: 'user' | 'candidate';
  role: 'admin' | 'proctor' | 'examiner' | 'supervisor' | 'candidate';
  name: string;
  userId: number | null;
  candidateId: number | null;
  organizationId: number | null;
}

const [me, { mutate: setMe, refetch: refetchMe }] = createResource(async () => (await http.get<{ me: Me | null }>('/api/auth/me')).me);

export { me, setMe, refetchMe };

export const ROLE_NAMES: Record<Me['role'], string> = {
  admin: '考务管理员',
  proctor: '监考员',
  examiner: '考评员',
  supervisor: '质量督导员',
  candidate: '考生',
};

/** The home path of each role. */
export const HOME: Record<Me['role'], string> = {
  admin: '/office',
  proctor: '/proctor',
  examiner: '/examiner',
  supervisor: '/supervisor',
  candidate: '/candidate',
};

export async function logout(): Promise<void> {
  await http.post('/api/auth/logout');
  setMe(null);
}
