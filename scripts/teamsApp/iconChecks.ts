import { PNG } from 'pngjs';

/**
 * What Teams requires of the two icons: the colour icon 192x192, the outline icon 32x32 with
 * every visible pixel white (transparent or partly transparent white edges are fine).
 */
export type IconKind = 'color' | 'outline';
export const ICON_SIZES: Readonly<Record<IconKind, number>> = { color: 192, outline: 32 };

/** Returns one line per problem with the icon `name` (as the manifest names it). */
export function checkIcon(kind: IconKind, name: string, bytes: Uint8Array): string[] {
  let png: PNG;
  try {
    png = PNG.sync.read(Buffer.from(bytes));
  } catch (error) {
    return [`${name}: is not a readable PNG (${(error as Error).message})`];
  }
  const size = ICON_SIZES[kind];
  const problems: string[] = [];
  if (png.width !== size || png.height !== size) problems.push(`${name}: must be ${size}x${size} pixels, is ${png.width}x${png.height}`);
  if (kind === 'outline') {
    const coloured = countColouredPixels(png);
    if (coloured) problems.push(`${name}: must be white on transparent only; ${coloured} visible pixel(s) are not white`);
  }
  return problems;
}

function countColouredPixels(png: PNG): number {
  let count = 0;
  for (let offset = 0; offset < png.data.length; offset += 4) {
    const visible = png.data[offset + 3] !== 0;
    if (visible && (png.data[offset] !== 255 || png.data[offset + 1] !== 255 || png.data[offset + 2] !== 255)) count++;
  }
  return count;
}
