// The admin screen's frame: the PIN door first (or first-run setup), then a tab per registered area
// the signed-in role may see. It lives in the kiosk's own page as an overlay; while it is open the
// kiosk session under it is paused (App.tsx). Leaving, signing out and idling all end the session.
import { useCallback, useEffect, useRef, useState } from 'react';
import { roleCovers, type KioskApi, type Role } from '../../src-preload/contract';
import { FirstRunSetup } from './access/FirstRunSetup';
import { lockFrom, SignIn, type Lock } from './access/SignIn';
import { useIdleLogout } from './access/use-idle-logout';
import { InputProvider } from './input/InputContext';
import { OnScreenKeyboard } from './input/OnScreenKeyboard';
import { sections } from './sections';
import './admin.css';
import './input/input.css';

type Door = { state: 'loading' } | { state: 'setup'; codeFile: string } | { state: 'sign-in'; lock: Lock | null } | { state: 'open'; role: Role; idleMinutes: number };

const ROLE_NAMES: Record<Role, string> = { office: 'Office', it: 'IT' };

export function AdminScreen({ api, onClose }: { api: KioskApi; onClose: () => void }) {
  const [door, setDoor] = useState<Door>({ state: 'loading' });
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.invoke('admin:status', {}).then(
      (s) => {
        if (!live) return;
        if (!s.setUp) setDoor({ state: 'setup', codeFile: s.setupCodeFile ?? 'the kiosk’s data folder' });
        else if (s.session) setDoor({ state: 'open', role: s.session.role, idleMinutes: s.idleMinutes });
        else setDoor({ state: 'sign-in', lock: lockFrom(s) });
      },
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [api]);

  const leave = useCallback(() => {
    void api.invoke('admin:logout', {}).catch(() => undefined);
    onClose();
  }, [api, onClose]);

  const stillThere = useCallback(() => {
    api.invoke('admin:status', {}).then(
      (s) => {
        if (!s.session) setDoor({ state: 'sign-in', lock: lockFrom(s) });
      },
      () => undefined,
    );
  }, [api]);
  useIdleLogout(door.state === 'open' ? door.idleMinutes : null, leave, stillThere);
  const signedIn = (role: Role, idleMinutes: number) => setDoor({ state: 'open', role, idleMinutes });

  return (
    <InputProvider>
      <div className="admin" data-testid="admin-screen">
        {door.state === 'open' ? (
          <Sections api={api} role={door.role} onLeave={leave} />
        ) : (
          <>
            <header className="admin-bar">
              <span className="admin-title">Rollcall admin</span>
              <button type="button" className="admin-close" onClick={leave}>
                Back to kiosk
              </button>
            </header>
            <main className="admin-body admin-door-body">
              {error && <p className="admin-warning" role="alert">{error}</p>}
              {door.state === 'setup' && <FirstRunSetup api={api} codeFile={door.codeFile} onSignedIn={signedIn} />}
              {door.state === 'sign-in' && <SignIn api={api} lock={door.lock} onSignedIn={signedIn} />}
            </main>
          </>
        )}
        <OnScreenKeyboard />
      </div>
    </InputProvider>
  );
}

function Sections({ api, role, onLeave }: { api: KioskApi; role: Role; onLeave(): void }) {
  const visible = sections.filter((s) => roleCovers(role, s.role));
  const [current, setCurrent] = useState(visible[0]!.id);
  const section = visible.find((s) => s.id === current) ?? visible[0]!;
  const Body = section.component;
  const { tabs, more, measure } = useTabStrip(section.id);
  return (
    <>
      <header className="admin-bar">
        <nav className="admin-tabs" ref={tabs} data-more={more} onScroll={measure}>
          {visible.map((s) => (
            <button key={s.id} type="button" className={s.id === section.id ? 'active' : ''} aria-current={s.id === section.id ? 'page' : undefined} onClick={() => setCurrent(s.id)}>
              {s.title}
            </button>
          ))}
        </nav>
        <span className="admin-role" data-testid="admin-role">
          {ROLE_NAMES[role]}
        </span>
        <button type="button" className="admin-close" onClick={onLeave} data-testid="admin-sign-out">
          Sign out
        </button>
      </header>
      <main className="admin-body">
        <h1>{section.title}</h1>
        <Body api={api} role={role} />
      </main>
    </>
  );
}

type More = 'none' | 'left' | 'right' | 'both';

/** Which ends of the tab strip have tabs scrolled out of sight; the chosen tab is kept in view. */
function useTabStrip(current: string) {
  const tabs = useRef<HTMLElement>(null);
  const [more, setMore] = useState<More>('none');
  const measure = useCallback(() => {
    const el = tabs.current;
    if (!el) return;
    const left = el.scrollLeft > 1;
    const right = el.scrollLeft + el.clientWidth < el.scrollWidth - 1;
    setMore(left && right ? 'both' : left ? 'left' : right ? 'right' : 'none');
  }, []);
  useEffect(() => {
    tabs.current?.querySelector('[aria-current="page"]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    measure();
  }, [current, measure]);
  useEffect(() => {
    const el = tabs.current;
    if (!el) return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [measure]);
  return { tabs, more, measure };
}
