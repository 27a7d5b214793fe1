// Every admin area, in the order the tabs show them.
import type { AdminSection } from './section';
import { TodaySection } from './today/TodaySection';
import { MessagesSection } from './messages/MessagesSection';

export const sections: AdminSection[] = [{ id: 'today', title: 'Today', role: 'office', component: TodaySection }];
sections.push({ id: 'messages', title: 'Messages', role: 'office', component: MessagesSection });
