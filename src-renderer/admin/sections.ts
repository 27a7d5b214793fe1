// Every admin area, in the order the tabs show them.
import type { AdminSection } from './section';
import { TodaySection } from './today/TodaySection';
import { PrivacySection } from './privacy/PrivacySection';

export const sections: AdminSection[] = [{ id: 'today', title: 'Today', role: 'office', component: TodaySection }];
sections.push({ id: 'privacy', title: 'Privacy', role: 'office', component: PrivacySection });
