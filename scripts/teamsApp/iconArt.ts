import { PNG } from 'pngjs';

/**
 * The two icons of the Teams app package, drawn from shapes so that `scripts/makeIcons.ts` gives
 * the same pixels on every run. Teams wants a 192x192 full-colour icon (symbol in the middle
 * 96x96, background the app's accent colour) and a 32x32 outline icon: white on transparent,
 * filling the square without padding.
 */
export const ACCENT_COLOR = '#0F6CBD';
export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

type Rect = { left: number; top: number; right: number; bottom: number; radius: number };
type Point = { x: number; y: number };
type Envelope = { body: Rect; stroke: number; flapTip: Point };

const SAMPLES = 4;

/** White envelope with an accent-coloured flap on a solid accent square. */
export function drawColorIcon(): PNG {
  const size = COLOR_ICON_SIZE;
  const envelope: Envelope = {
    body: { left: 48, top: 62, right: 144, bottom: 130, radius: 8 },
    stroke: 7,
    flapTip: { x: 96, y: 100 },
  };
  const accent = hexToRgb(ACCENT_COLOR);
  return draw(size, (x, y) => {
    const white = coverage(x, y, (px, py) => insideRoundedRect(px, py, envelope.body) && !onFlap(px, py, envelope));
    return [blend(accent[0], 255, white), blend(accent[1], 255, white), blend(accent[2], 255, white), 255];
  });
}

/** The same envelope as white strokes on transparent: the body's border and its flap. */
export function drawOutlineIcon(): PNG {
  const size = OUTLINE_ICON_SIZE;
  const stroke = 2.5;
  const envelope: Envelope = {
    body: { left: 1, top: 5, right: 31, bottom: 27, radius: 3 },
    stroke,
    flapTip: { x: 16, y: 17 },
  };
  const inner: Rect = {
    left: envelope.body.left + stroke, top: envelope.body.top + stroke,
    right: envelope.body.right - stroke, bottom: envelope.body.bottom - stroke, radius: envelope.body.radius - stroke / 2,
  };
  return draw(size, (x, y) => {
    const alpha = coverage(x, y, (px, py) => insideRoundedRect(px, py, envelope.body)
      && (!insideRoundedRect(px, py, inner) || onFlap(px, py, envelope)));
    return [255, 255, 255, Math.round(alpha * 255)];
  });
}

function draw(size: number, pixel: (x: number, y: number) => [number, number, number, number]): PNG {
  const png = new PNG({ width: size, height: size, colorType: 6 });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const offset = (y * size + x) * 4;
      const [r, g, b, a] = pixel(x, y);
      png.data[offset] = r;
      png.data[offset + 1] = g;
      png.data[offset + 2] = b;
      png.data[offset + 3] = a;
    }
  }
  return png;
}

/** Share of the pixel's sub-samples inside the shape: edges come out smooth but exact. */
function coverage(x: number, y: number, inside: (px: number, py: number) => boolean): number {
  let hits = 0;
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      if (inside(x + (sx + 0.5) / SAMPLES, y + (sy + 0.5) / SAMPLES)) hits++;
    }
  }
  return hits / (SAMPLES * SAMPLES);
}

function insideRoundedRect(px: number, py: number, rect: Rect): boolean {
  if (px < rect.left || px > rect.right || py < rect.top || py > rect.bottom) return false;
  const cx = Math.min(Math.max(px, rect.left + rect.radius), rect.right - rect.radius);
  const cy = Math.min(Math.max(py, rect.top + rect.radius), rect.bottom - rect.radius);
  return (px - cx) ** 2 + (py - cy) ** 2 <= rect.radius ** 2;
}

/** On the V from the body's top corners down to the flap's tip. */
function onFlap(px: number, py: number, envelope: Envelope): boolean {
  const { body, flapTip, stroke } = envelope;
  const left = { x: body.left + stroke / 2, y: body.top + stroke / 2 };
  const right = { x: body.right - stroke / 2, y: body.top + stroke / 2 };
  const point = { x: px, y: py };
  return Math.min(distanceToSegment(point, left, flapTip), distanceToSegment(point, right, flapTip)) <= stroke / 2;
}

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

function blend(from: number, to: number, share: number): number {
  return Math.round(from + (to - from) * share);
}

function hexToRgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}
