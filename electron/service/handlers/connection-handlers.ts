// Connection handlers: test the server (reachable? signed in?) in plain words, and list its offering.
import type { AppError } from '../../shared/app-error.js';
import { ERROR_TEXT } from '../../shared/error-meanings.js';
import type { ConnectionTest, ProjectOffer } from '../../shared/ipc-contract.js';
import { ok } from '../../shared/result.js';
import type { ServiceContext } from '../context.js';
import type { StoredSettings } from '../settings-model.js';
import type { InvokeHandlers } from '../types.js';

/** A connection test gives up after this long, whatever the API client's own retries would do. */
const TEST_DEADLINE_MS = 20_000;

const explain = (error: AppError) => {
  const text = ERROR_TEXT[error.code];
  return `${text.title}. ${text.remedy}`;
};

/** Says how Courier signed in, so a technician can tell which credential the server accepted. */
function signedInText(settings: StoredSettings, server: string): string {
  if (settings.mode === 'demo') return `Connected to ${server} and signed in.`;
  if (settings.authMode === 'clientCertificate') {
    // buildEngineConfig refuses this mode without a certificate; the guard only keeps the text whole.
    const fileName = settings.clientCertificate ? ` ${settings.clientCertificate.fileName}` : '';
    return `Connected to ${server} with the client certificate${fileName}.`;
  }
  const who = settings.authMode === 'deviceSecret' ? 'this device' : settings.username;
  return `Connected to ${server} and signed in as ${who}.`;
}

export function connectionHandlers(
  ctx: ServiceContext,
): Pick<InvokeHandlers, 'testConnection' | 'listProjects'> {
  return {
    async testConnection() {
      const engine = await ctx.slot.get();
      if (!engine.ok) {
        const result: ConnectionTest = {
          reachable: false,
          signedIn: false,
          message: `Courier cannot connect yet: ${engine.error.message}`,
          error: engine.error,
        };
        return ok(result);
      }
      const settings = ctx.settings();
      const server =
        settings.mode === 'demo' ? 'the built-in demo server' : engine.value.apiOrigin || settings.apiUrl;
      const controller = new AbortController();
      const cancel = ctx.deps.clock.setTimer(TEST_DEADLINE_MS, () => controller.abort());
      try {
        const health = await engine.value.checkHealth(controller.signal);
        if (!health.ok)
          return ok({
            reachable: false,
            signedIn: false,
            message: `Courier could not reach ${server}. ${explain(health.error)}`,
            error: health.error,
          });
        // Listing one project is the cheapest call that needs a signed-in session.
        const signIn = await engine.value.listProjects({ query: '', page: 1, perPage: 1 }, controller.signal);
        if (!signIn.ok)
          return ok({
            reachable: true,
            signedIn: false,
            message: `${server} answers, but ${signIn.error.code === 'CLIENT.auth' ? 'signing in failed' : 'the signed-in request failed'}. ${explain(signIn.error)}`,
            error: signIn.error,
          });
        return ok({ reachable: true, signedIn: true, message: signedInText(settings, server), error: null });
      } finally {
        cancel();
      }
    },

    async listProjects(request) {
      const engine = await ctx.slot.get();
      if (!engine.ok) return engine;
      const page = await engine.value.listProjects(request);
      if (!page.ok) return page;
      const projects: ProjectOffer[] = page.value.data.map((ref) => ({
        projectId: ref.projectId,
        projectName: ref.projectName,
        displayName: ref.displayName ?? ref.release?.displayName ?? null,
        catalogId: ref.release?.id ?? null,
        version: ref.release?.version ?? null,
        size: ref.release?.size ?? null,
        releaseNotes: ref.release?.releaseNotes ?? null,
        releasedAt: ref.release?.releasedAt ?? null,
      }));
      return ok({ projects, total: page.value.total, page: page.value.page, perPage: page.value.perPage });
    },
  };
}
