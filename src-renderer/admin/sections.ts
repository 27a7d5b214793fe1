// Every admin area, in the order the tabs show them.
import type { AdminSection } from './section';
import { TodaySection } from './today/TodaySection';
import { PinsSection } from './access/PinsSection';
import { PeopleSection } from './people/PeopleSection';
import { EnrolmentSection } from './enrolment/EnrolmentSection';
import { SettingsSection } from './settings/SettingsSection';

export const sections: AdminSection[] = [
  { id: 'today', title: 'Today', role: 'office', component: TodaySection },
  { id: 'settings', title: 'Settings', role: 'office', component: SettingsSection },
  { id: 'pins', title: 'PINs', role: 'office', component: PinsSection },
];
sections.push(
  { id: 'people', title: 'People', role: 'office', component: PeopleSection },
  { id: 'enrolment', title: 'Face enrolment', role: 'office', component: EnrolmentSection },
);
