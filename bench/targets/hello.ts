/** The baseline: a bare Express "hello" route, the ceiling of our stack on this machine. */
import express from 'express';

const app = express();
app.get('/', (_req, res) => { res.type('text/plain').send('hello'); });
app.get('/readyz', (_req, res) => { res.json({ ready: true }); });
app.listen(Number(process.env.PORT));
