// npm run dev: `npm run playground` with the service restarted whenever a file under bin, src, web or
// bot changes (node --watch), as the Teams templates' `dev` script does. Arguments after `--` go to
// the Playground CLI.
import { runPlayground } from './playground.ts';

await runPlayground({ watch: true });
