import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../errors.js';

interface PgError {
  code?: string;
  constraint?: string;
}

/**
 * The single place that turns anything thrown into the API's error shape. Known errors keep their code; database
 * constraint violations become conflicts; everything else is a 500 with a correlation id that is also logged.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError & PgError, req, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send({
        error: { code: err.code, message: err.message, messageZh: err.messageZh, details: err.details },
      });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        path: [v.instancePath.replace(/^\//, '').replace(/\//g, '.'), (v.params as { issue?: { path?: unknown[] } })?.issue?.path?.join('.')]
          .filter(Boolean)
          .join('.') || err.validationContext || '',
        message: v.message ?? 'invalid',
      }));
      const first = issues[0];
      return reply.status(400).send({
        error: {
          code: 'VALIDATION_FAILED',
          message: `Invalid ${err.validationContext ?? 'request'}: ${first ? `${first.path}: ${first.message}` : ''}`,
          messageZh: `输入有误：${first ? `${first.path} ${first.message}` : ''}`,
          details: { issues },
        },
      });
    }
    if (err.code === '23505') {
      return reply.status(409).send({
        error: { code: 'ALREADY_EXISTS', message: `Duplicate value (${err.constraint ?? 'unique'})`, messageZh: '记录已存在（重复值）' },
      });
    }
    if (err.statusCode && err.statusCode < 500) {
      return reply.status(err.statusCode).send({
        error: { code: err.statusCode === 404 ? 'NOT_FOUND' : 'BAD_REQUEST', message: err.message, messageZh: '请求无效' },
      });
    }
    const correlationId = randomUUID();
    req.log.error({ err, correlationId }, 'unhandled error');
    return reply.status(500).send({
      error: {
        code: 'INTERNAL',
        message: `Internal error; quote ${correlationId} when reporting it`,
        messageZh: `系统内部错误，请联系管理员并提供编号 ${correlationId}`,
        correlationId,
      },
    });
  });
}

export function noRoute(req: FastifyRequest, reply: FastifyReply) {
  return reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No route ${req.method} ${req.url}`, messageZh: '接口不存在' } });
}
