/**
 * @acme/passkey-server/node — the Fetch-API handler mounted on Node's `IncomingMessage` /
 * `ServerResponse`: node:http, Express, Connect and Fastify. The package's main entry stays
 * free of `node:*`; this entry is the only one that needs Node.
 * @packageDocumentation
 */

export { nodeRequest } from './node-request';
export {
  type FetchHandler,
  type NodeHandler,
  type NodeHandlerOptions,
  toNodeHandler,
} from './to-node-handler';
