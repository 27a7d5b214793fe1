// Every admin area, in the order the tabs show them.
import type { AdminSection } from './section';
import { TodaySection } from './today/TodaySection';
import { PinsSection } from './access/PinsSection';
import { SettingsSection } from './settings/SettingsSection';
import { MessagesSection } from './messages/MessagesSection';

export const sections: AdminSection[] = [
  { id: 'today', title: 'Today', role: 'office', component: TodaySection },
  { id: 'settings', title: 'Settings', role: 'office', component: SettingsSection },
  { id: 'pins', title: 'PINs', role: 'office', component: PinsSection },
];
sections.push({ id: 'messages', title: 'Messages', role: 'office', component: MessagesSection });
