/**
 * The cold-start floor: a process that only imports what the service must import (express,
 * botbuilder, the teams-ai Application, the store driver) and listens. The yardstick of
 * `cold-start`: the rest of the service's start-up time and memory is ours.
 */
import { Application } from '@microsoft/teams-ai/lib/Application.js';
import { CloudAdapter } from 'botbuilder';
import express from 'express';
import { DatabaseSync } from 'node:sqlite';

const loaded = [Application, CloudAdapter, DatabaseSync].every((part) => typeof part === 'function');
const app = express();
app.get('/readyz', (_req, res) => { res.json({ ready: loaded }); });
app.listen(Number(process.env.PORT));
