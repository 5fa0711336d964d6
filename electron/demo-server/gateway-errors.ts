// The gateway's error bodies (protocol §1.1, fixtures F2, F15, F16): one shape for every failure,
// with `path` being the URL after version rewriting. Pure data.
import type { GatewayErrorBody } from '../shared/getapp-protocol.js';
import type { Reply } from './http-json.js';

/** Where an error is reported from: the rewritten URL (path and query) and the server clock. */
export interface ErrorContext {
  readonly path: string;
  readonly now: () => number;
}

const REASONS: Readonly<Record<number, readonly [name: string, error: string]>> = {
  400: ['BadRequestException', 'Bad Request'],
  401: ['UnauthorizedException', 'Unauthorized'],
  403: ['ForbiddenException', 'Forbidden'],
  404: ['NotFoundException', 'Not Found'],
  408: ['RequestTimeoutException', 'Request Timeout'],
  413: ['PayloadTooLargeException', 'Payload Too Large'],
  429: ['ThrottlerException', 'Too Many Requests'],
  500: ['InternalServerErrorException', 'Internal Server Error'],
  502: ['BadGatewayException', 'Bad Gateway'],
  503: ['ServiceUnavailableException', 'Service Unavailable'],
  504: ['GatewayTimeoutException', 'Gateway Timeout'],
};

function reasonOf(status: number): readonly [string, string] {
  return REASONS[status] ?? ['HttpException', `HTTP ${status}`];
}

export function errorBody(
  ctx: ErrorContext,
  fields: { name: string; statusCode: number; message: string | string[]; errorCode?: string; data: unknown },
): GatewayErrorBody {
  return {
    name: fields.name,
    statusCode: fields.statusCode,
    message: fields.message,
    ...(fields.errorCode === undefined ? {} : { errorCode: fields.errorCode }),
    data: fields.data,
    timestamp: new Date(ctx.now()).toISOString(),
    path: ctx.path,
  };
}

/** A NestJS HttpException as the filter prints it: `data` is Nest's own response object (F15). */
export function httpError(ctx: ErrorContext, status: number, message: string | string[]): Reply {
  const [name, error] = reasonOf(status);
  return {
    status,
    json: errorBody(ctx, { name, statusCode: status, message, data: { statusCode: status, message, error } }),
  };
}

/** ValidationPipe's answer: every problem, one message each (F15). */
export function badRequest(ctx: ErrorContext, messages: string | string[]): Reply {
  return httpError(ctx, 400, messages);
}

export function notFound(ctx: ErrorContext, method: string): Reply {
  return httpError(ctx, 404, `Cannot ${method} ${ctx.path}`);
}

/** The auth guard throws UnauthorizedException({ message }), so `data` is just that object (F16). */
export function unauthorized(ctx: ErrorContext, message: string): Reply {
  return {
    status: 401,
    json: errorBody(ctx, { name: 'UnauthorizedException', statusCode: 401, message, data: { message } }),
  };
}

/** Keycloak's refusal, passed through the filter's AxiosError branch (F2). */
export function keycloakError(ctx: ErrorContext, status: number, data: unknown): Reply {
  return {
    status,
    json: errorBody(ctx, {
      name: 'AxiosError',
      statusCode: status,
      message: `Request failed with status code ${status}`,
      data,
    }),
  };
}
