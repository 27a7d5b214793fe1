// Every admin area, in the order the tabs show them.
import type { AdminSection } from './section';
import { TodaySection } from './today/TodaySection';

export const sections: AdminSection[] = [{ id: 'today', title: 'Today', role: 'office', component: TodaySection }];
