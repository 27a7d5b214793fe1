// The admin screen's frame: a tab per registered area and a way back to the kiosk. It lives in the
// kiosk's own page so the kiosk session keeps running underneath.
import { useState } from 'react';
import type { KioskApi } from '../../src-preload/contract';
import { sections } from './sections';
import './admin.css';

export function AdminScreen({ api, onClose }: { api: KioskApi; onClose: () => void }) {
  const [current, setCurrent] = useState(sections[0]!.id);
  const section = sections.find((s) => s.id === current) ?? sections[0]!;
  const Body = section.component;
  return (
    <div className="admin" data-testid="admin-screen">
      <header className="admin-bar">
        <nav className="admin-tabs">
          {sections.map((s) => (
            <button key={s.id} type="button" className={s.id === current ? 'active' : ''} onClick={() => setCurrent(s.id)}>
              {s.title}
            </button>
          ))}
        </nav>
        <button type="button" className="admin-close" onClick={onClose}>
          Back to kiosk
        </button>
      </header>
      <main className="admin-body">
        <h1>{section.title}</h1>
        <Body api={api} />
      </main>
    </div>
  );
}
