// Draws appPackage/color.png and appPackage/outline.png. Run after changing scripts/teamsApp/iconArt.ts:
//   npx node scripts/makeIcons.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { drawColorIcon, drawOutlineIcon } from './teamsApp/iconArt.ts';

const appPackage = fileURLToPath(new URL('../appPackage/', import.meta.url));
for (const [name, png] of [['color.png', drawColorIcon()], ['outline.png', drawOutlineIcon()]] as const) {
  writeFileSync(appPackage + name, PNG.sync.write(png, { colorType: 6 }));
  console.log(`appPackage/${name}: ${png.width}x${png.height}`);
}
