// Why the office is changing a record. The common reasons are one tap each; anything else is typed.
export function ReasonField({ value, onChange, presets }: { value: string; onChange(v: string): void; presets: string[] }) {
  return (
    <div className="reason">
      <span className="field-label">Reason</span>
      <div className="reason-presets">
        {presets.map((p) => (
          <button key={p} type="button" className={value === p ? 'chip chip-on' : 'chip'} onClick={() => onChange(p)}>
            {p}
          </button>
        ))}
      </div>
      <input
        className="text-field"
        data-testid="reason-input"
        value={value}
        maxLength={300}
        placeholder="Or type a reason"
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}
