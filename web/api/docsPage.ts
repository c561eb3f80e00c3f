import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express, { Router } from 'express';

/**
 * A readable page of the OpenAPI document at /api/v1/docs: Swagger UI, served from its npm
 * package (no CDN), started by a script of our own (no inline script). The page's Content
 * Security Policy is the site's, plus what Swagger UI needs: inline styles and data: images
 * (its icons). It loads the document from this service.
 */
const SWAGGER_UI = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const ASSETS = ['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png'];

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Invite Desk API</title>
<link rel="stylesheet" href="docs/assets/swagger-ui.css">
<link rel="icon" type="image/png" href="docs/assets/favicon-32x32.png">
</head>
<body>
<div id="api-docs" data-url="openapi.json"></div>
<script src="docs/assets/swagger-ui-bundle.js"></script>
<script src="docs/start.js"></script>
</body>
</html>
`;

const START = `window.addEventListener('load', function () {
  var element = document.getElementById('api-docs');
  window.SwaggerUIBundle({ url: element.getAttribute('data-url'), domNode: element, deepLinking: true, tryItOutEnabled: false, validatorUrl: null });
});
`;

const CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'",
  "font-src 'self' data:", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'self'",
].join('; ');

export function docsPage(): Router {
  const router = Router();
  router.get('/docs', (_req, res) => {
    res.set('Content-Security-Policy', CSP).set('Cache-Control', 'no-cache').type('html').send(PAGE);
  });
  router.get('/docs/start.js', (_req, res) => {
    res.set('Cache-Control', 'max-age=3600').type('text/javascript').send(START);
  });
  const assets = express.static(SWAGGER_UI, { index: false, maxAge: '1h', fallthrough: true });
  router.use('/docs/assets', (req, res, next) => (ASSETS.includes(req.path.slice(1)) ? assets(req, res, next) : next()));
  return router;
}
