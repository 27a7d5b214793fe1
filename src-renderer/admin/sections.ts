// Every admin area, in the order the tabs show them.
import type { AdminSection } from './section';
import { TodaySection } from './today/TodaySection';
import { BackupsSection } from './backups/BackupsSection';

export const sections: AdminSection[] = [{ id: 'today', title: 'Today', role: 'office', component: TodaySection }];
sections.push({ id: 'backups', title: 'Backups', role: 'it', component: BackupsSection });
