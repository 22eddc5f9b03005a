/**
 * The entry of dist/undici.cjs: the part of undici this server uses, Pool and Agent with their
 * request API. undici's own index also loads fetch, WebSocket, cookies and the mock agents, which
 * took about 60 ms of the first upstream call. The API is attached as undici's index.js does it;
 * if a new undici moves these files, the build fails to resolve them.
 */
const Dispatcher = require('undici/lib/dispatcher/dispatcher.js');
const api = require('undici/lib/api/index.js');

Object.assign(Dispatcher.prototype, api);

module.exports = {
  Pool: require('undici/lib/dispatcher/pool.js'),
  Agent: require('undici/lib/dispatcher/agent.js'),
};
