// One area of the admin screen (people, today's board, settings, …). Areas register here so the shell
// stays ignorant of what they do; each lives in its own folder under src-renderer/admin/.
import type { ComponentType } from 'react';
import type { KioskApi, Role } from '../../src-preload/contract';

export interface AdminSectionProps {
  api: KioskApi;
  /** Who is signed in; a section may hide what this role cannot change (the host refuses it anyway). */
  role: Role;
}

export interface AdminSection {
  id: string;
  title: string;
  /** The least role that sees it; IT sees everything office sees. */
  role: Role;
  component: ComponentType<AdminSectionProps>;
}
