// Every admin area, in the order the tabs show them: the front office's daily work first, then
// people and messages, then configuration and IT.
import type { AdminSection } from './section';
import { TodaySection } from './today/TodaySection';
import { AttendanceSection } from './attendance/AttendanceSection';
import { ReportsSection } from './reports/ReportsSection';
import { PeopleSection } from './people/PeopleSection';
import { EnrolmentSection } from './enrolment/EnrolmentSection';
import { MessagesSection } from './messages/MessagesSection';
import { SettingsSection } from './settings/SettingsSection';
import { PinsSection } from './access/PinsSection';
import { PrivacySection } from './privacy/PrivacySection';
import { BackupsSection } from './backups/BackupsSection';

export const sections: AdminSection[] = [
  { id: 'today', title: 'Today', role: 'office', component: TodaySection },
  { id: 'attendance', title: 'Attendance', role: 'office', component: AttendanceSection },
  { id: 'reports', title: 'Reports', role: 'office', component: ReportsSection },
  { id: 'people', title: 'People', role: 'office', component: PeopleSection },
  { id: 'enrolment', title: 'Face enrolment', role: 'office', component: EnrolmentSection },
  { id: 'messages', title: 'Messages', role: 'office', component: MessagesSection },
  { id: 'settings', title: 'Settings', role: 'office', component: SettingsSection },
  { id: 'pins', title: 'PINs', role: 'office', component: PinsSection },
  { id: 'privacy', title: 'Privacy', role: 'office', component: PrivacySection },
  { id: 'backups', title: 'Backups', role: 'it', component: BackupsSection },
];
