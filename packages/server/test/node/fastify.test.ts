import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { toNodeHandler } from '../../src/node/index';
import { describeNodeMount, type Mount } from './mount-checks';
import { BASE_PATH } from './passkey-app';

/**
 * The README's recipe: the routes in a plugin of their own, whose catch-all content-type parser
 * leaves bodies unread for the handler; the app's other routes keep Fastify's JSON parser.
 * `respond` gives Fastify the Fetch `Response`, which it sends itself.
 */
const mount: Mount = async (handle, { origin, parserFirst }) => {
  const app = Fastify();
  const passkeys = toNodeHandler(handle, { origin });
  const route = async (request: FastifyRequest, reply: FastifyReply) =>
    (await passkeys.respond(request.raw)) ?? reply.callNotFound();
  await app.register(async (scope) => {
    if (!parserFirst) {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
    }
    scope.all(BASE_PATH, route);
    scope.all(`${BASE_PATH}/*`, route);
  });
  app.post(`${BASE_PATH}/export/csv`, async (request, reply) =>
    reply.code(202).send({ received: request.body }),
  );
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  return { base, close: () => app.close() };
};

describeNodeMount('Fastify', mount);
