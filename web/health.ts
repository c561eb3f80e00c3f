import { Router } from 'express';
import type { Store } from '../src/store/port.ts';

/** `/healthz`: the process answers. `/readyz`: and its store answers too. */
export function healthRouter(store: Store): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    try {
      await store.ping();
      res.json({ status: 'ready', store: store.kind });
    } catch (error) {
      res.status(503).json({ status: 'unavailable', store: store.kind, reason: (error as Error).message });
    }
  });
  return router;
}
