import assert from 'node:assert/strict';
import { ConfigError, parseConfig } from '../src/config.ts';

describe('configuration', () => {
  it('has working defaults for local use', () => {
    assert.deepEqual(parseConfig({}), {
      env: 'development', port: 3978, publicBaseUrl: 'http://localhost:3978', dataDir: './data', mongodbUri: null, codeSecret: null, logLevel: 'info',
    });
    assert.equal(parseConfig({ PORT: '4000' }).publicBaseUrl, 'http://localhost:4000');
    assert.equal(parseConfig({ PUBLIC_BASE_URL: 'https://invites.example.com/' }).publicBaseUrl, 'https://invites.example.com');
  });

  it('reports each problem as one line naming the variable, the problem and an example', () => {
    try {
      parseConfig({ PORT: 'eighty', PUBLIC_BASE_URL: 'ftp://x', MONGODB_URI: 'postgres://x', CODE_SECRET: 'short', LOG_LEVEL: 'loud', NODE_ENV: 'staging' });
      assert.fail('expected a ConfigError');
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      assert.deepEqual(error.problems.map((p) => p.split(':')[0]), ['NODE_ENV', 'PORT', 'PUBLIC_BASE_URL', 'MONGODB_URI', 'CODE_SECRET', 'LOG_LEVEL']);
      for (const line of error.problems) assert.match(line, /\(example: .+\)$/);
    }
  });

  it('requires a code secret and https in production', () => {
    assert.throws(() => parseConfig({ NODE_ENV: 'production' }), (error: ConfigError) =>
      error.problems.some((p) => p.startsWith('CODE_SECRET: is required')) && error.problems.some((p) => p.startsWith('PUBLIC_BASE_URL: must use https')));
    const config = parseConfig({ NODE_ENV: 'production', CODE_SECRET: 'x'.repeat(48), PUBLIC_BASE_URL: 'https://invites.example.com' });
    assert.equal(config.codeSecret, 'x'.repeat(48));
    assert.ok(Object.isFrozen(config));
  });

  it('treats blank variables as unset', () => {
    assert.equal(parseConfig({ MONGODB_URI: '', PORT: ' ' }).mongodbUri, null);
  });
});
