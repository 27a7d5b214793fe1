// Every admin area, in the order the tabs show them.
import type { AdminSection } from './section';
import { TodaySection } from './today/TodaySection';
import { PinsSection } from './access/PinsSection';
import { SettingsSection } from './settings/SettingsSection';
import { PrivacySection } from './privacy/PrivacySection';
import { BackupsSection } from './backups/BackupsSection';
import { AttendanceSection } from './attendance/AttendanceSection';
import { ReportsSection } from './reports/ReportsSection';

export const sections: AdminSection[] = [
  { id: 'today', title: 'Today', role: 'office', component: TodaySection },
  { id: 'settings', title: 'Settings', role: 'office', component: SettingsSection },
  { id: 'pins', title: 'PINs', role: 'office', component: PinsSection },
];
sections.push({ id: 'privacy', title: 'Privacy', role: 'office', component: PrivacySection });
sections.push({ id: 'backups', title: 'Backups', role: 'it', component: BackupsSection });
// Right after Today: the front office's daily work comes before configuration.
sections.splice(
  1,
  0,
  { id: 'attendance', title: 'Attendance', role: 'office', component: AttendanceSection },
  { id: 'reports', title: 'Reports', role: 'office', component: ReportsSection },
);
