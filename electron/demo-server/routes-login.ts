// Login and refresh (protocol §1.3): unprotected, answering TokensDto with 201, or Keycloak's refusal
// through the gateway's AxiosError branch (F2).
import type { LoginReqDto } from '../shared/getapp-protocol.js';
import type { TokenAuthority } from './auth.js';
import { badRequest, keycloakError } from './gateway-errors.js';
import type { Route } from './routing.js';
import { validate, type Schema } from './validation.js';

const LOGIN_SCHEMA: Schema = {
  username: { kind: 'string', notEmpty: true },
  // The DTO only requires a string: an empty password reaches Keycloak and is refused there (401).
  password: { kind: 'string' },
};

const REFRESH_SCHEMA: Schema = {
  refreshToken: { kind: 'string', notEmpty: true },
};

const VERSIONS = [1, 2] as const;

export function loginRoutes(auth: TokenAuthority): Route[] {
  return [
    {
      method: 'POST',
      path: 'login',
      versions: VERSIONS,
      open: true,
      handle(ctx) {
        const dto = validate<LoginReqDto>(LOGIN_SCHEMA, ctx.body);
        if (!dto.ok) return badRequest(ctx.errors, dto.messages);
        if (!auth.checkPassword(dto.value.username, dto.value.password)) {
          return keycloakError(ctx.errors, 401, {
            error: 'invalid_grant',
            error_description: 'Invalid user credentials',
          });
        }
        return { status: 201, json: auth.issue(dto.value.username) };
      },
    },
    {
      method: 'POST',
      path: 'login/refresh',
      versions: VERSIONS,
      open: true,
      handle(ctx) {
        const dto = validate<{ refreshToken: string }>(REFRESH_SCHEMA, ctx.body);
        if (!dto.ok) return badRequest(ctx.errors, dto.messages);
        const result = auth.refresh(dto.value.refreshToken);
        if (result.ok) return { status: 201, json: result.tokens };
        return keycloakError(ctx.errors, 401, {
          error: 'invalid_grant',
          error_description: result.reason === 'expired' ? 'Token is not active' : 'Invalid refresh token',
        });
      },
    },
  ];
}
