// How Courier connects to its own built-in demo server, the same in the CLI and the desktop: the
// server's addresses, its demo account, plain http, and its signing key unless the user pinned
// another. The one definition both faces build their engine configuration from. Pure.

/** What the started demo server tells its host (a part of DemoServer). */
export interface DemoEndpoints {
  readonly apiUrl: string;
  readonly storageUrl: string;
  readonly credentials: { readonly username: string; readonly password: string };
  readonly publicKeyPem: string;
}

/** The connection part of an engine configuration (engine/config.ts) for the demo server. */
export interface DemoConnection {
  readonly apiUrl: string;
  readonly auth: {
    readonly kind: 'password';
    readonly username: string;
    readonly password: () => Promise<string>;
  };
  readonly storageOrigins: readonly string[];
  readonly allowHttp: true;
  readonly publicKeyPem: string;
}

/** `pinnedKeyPem`: a signing key the user chose, which wins over the demo server's own. */
export function demoConnection(demo: DemoEndpoints, pinnedKeyPem?: string): DemoConnection {
  const { username, password } = demo.credentials;
  return {
    apiUrl: demo.apiUrl,
    auth: { kind: 'password', username, password: async () => password },
    storageOrigins: [demo.storageUrl],
    // Our own server on this machine: plain http on loopback, and its key is the one to trust.
    allowHttp: true,
    publicKeyPem: pinnedKeyPem ?? demo.publicKeyPem,
  };
}
