// The page the kiosk shows when the watchdog gives up on the renderer: static, no script, no
// camera, so it cannot fail the way the kiosk page did. Students are sent to the office.
export const OUT_OF_ORDER_PATH = '/out-of-order.html';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function outOfOrderPage(schoolName: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Out of order</title>
<style>html,body{height:100%;margin:0}body{display:flex;align-items:center;justify-content:center;background:#0b1a2b;color:#fff;font:600 4vh system-ui,sans-serif;text-align:center}p{font-weight:400;font-size:3vh;opacity:.85}</style>
</head><body><main><h1>This kiosk is out of order</h1><p>Please check in at the ${escapeHtml(schoolName)} office.</p></main></body></html>`;
}
