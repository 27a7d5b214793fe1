// QR check-in cards for one class on A4 sheets: name, class, student number and a QR code holding the
// student number as plain text, which is what the kiosk camera reads. Printing shows only the sheet.
import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import type { CardStudent, KioskApi } from '../../../src-preload/contract';
import './cards.css';

export function CardsSheet({ api, onDone }: { api: KioskApi; onDone(): void }) {
  const [classes, setClasses] = useState<string[]>([]);
  const [className, setClassName] = useState('');
  const [cards, setCards] = useState<Array<CardStudent & { qr: string }> | null>(null);

  useEffect(() => {
    void api.invoke('people:list', { query: '', includeArchived: false }).then((r) => {
      setClasses(r.classes);
      setClassName((c) => c || r.classes[0] || '');
    });
  }, [api]);

  useEffect(() => {
    let live = true;
    setCards(null);
    void api.invoke('people:cards', { className }).then(async ({ students }) => {
      const withQr = await Promise.all(
        students.map(async (s) => ({ ...s, qr: await QRCode.toString(s.studentNumber, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }) })),
      );
      if (live) setCards(withQr);
    });
    return () => { live = false; };
  }, [api, className]);

  return (
    <div>
      <div className="btn-row no-print">
        <button type="button" className="btn" onClick={onDone}>← All students</button>
        {classes.map((c) => (
          <button key={c} type="button" className={`btn${c === className ? ' primary' : ''}`} onClick={() => setClassName(c)}>Class {c}</button>
        ))}
        <button type="button" className="btn primary" onClick={() => window.print()} disabled={!cards?.length}>Print</button>
      </div>
      <p className="admin-muted no-print">Each card's QR code holds the student number. Cut along the lines; a card works at the kiosk straight away.</p>
      {!cards ? (
        <p className="admin-muted">Preparing cards…</p>
      ) : cards.length === 0 ? (
        <p className="admin-muted">No students in this class.</p>
      ) : (
        <div className="cards-sheet" data-testid="cards-sheet">
          {cards.map((c) => (
            <figure key={c.studentNumber} className="qr-card" data-testid="qr-card">
              <div className="qr-code" dangerouslySetInnerHTML={{ __html: c.qr }} />
              <figcaption>
                <strong>{c.firstName} {c.lastName}</strong>
                <span>Class {c.className || '—'}</span>
                <span className="qr-number">{c.studentNumber}</span>
              </figcaption>
            </figure>
          ))}
        </div>
      )}
    </div>
  );
}
