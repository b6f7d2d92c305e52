import { LoginRequest, LogoutRequest, RefreshRequest } from '@shared/sync/api';
import { PROTOCOL_VERSION } from '@shared/sync/protocol';
import { authenticate, type Handler, parseBody } from '../context';

export const health: Handler = async (ctx) => ({
  body: { version: ctx.services.config.version, protocol: PROTOCOL_VERSION },
});

export const login: Handler = async (ctx) => {
  const input = await parseBody(ctx, LoginRequest);
  return { body: await ctx.services.auth.login(input, ctx.ip, ctx.appVersion) };
};

export const refresh: Handler = async (ctx) => {
  const input = await parseBody(ctx, RefreshRequest);
  return { body: await ctx.services.auth.refresh(input.refreshToken) };
};

export const logout: Handler = async (ctx) => {
  const input = await parseBody(ctx, LogoutRequest);
  return { body: await ctx.services.auth.logout(input.refreshToken) };
};

export const me: Handler = async (ctx) => {
  const caller = await authenticate(ctx);
  const { id, username, name, role } = caller.user;
  return { body: { user: { id, username, name, role }, deviceId: caller.device.id, scope: caller.prefixes } };
};
