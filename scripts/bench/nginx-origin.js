// Debian's nginx as the benchmark's file server: a server that costs almost nothing per byte
// (sendfile), so a benchmark measures the client and not the server. Started on a free loopback port
// with a config of its own in a temp folder; nothing of the system's nginx setup is used or touched.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { access, constants, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { delimiter, join } from 'node:path';

export const NGINX_MISSING = [
  'nginx is not installed; the benchmark needs it as the file server.',
  'On Debian or Ubuntu: sudo apt-get install nginx-light (or nginx).',
  'Its system service need not run: the benchmark starts its own nginx on a free 127.0.0.1 port.',
].join('\n');

/** The nginx binary: $NGINX, /usr/sbin/nginx, or the first on PATH; undefined when there is none. */
export async function findNginx() {
  const path = process.env.PATH ?? '';
  const candidates = [
    process.env.NGINX,
    '/usr/sbin/nginx',
    ...path.split(delimiter).map((d) => join(d, 'nginx')),
  ];
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not this one
    }
  }
  return undefined;
}

/** A loopback port nobody listens on right now. */
async function freePort() {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/**
 * @param {string} root
 * @param {number} port
 * @param {string} prefix
 */
function config(root, port, prefix) {
  // One worker, no logs, sendfile: the cheapest way nginx has to hand a file to a socket.
  // Started as root, nginx would run its worker as `nobody`, which cannot read our private temp folder.
  const user = process.getuid?.() === 0 ? `user ${userInfo().username};\n` : '';
  return `daemon off;
${user}worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  default_type application/octet-stream;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  server {
    listen 127.0.0.1:${port};
    root ${root};
    location / { }
  }
}
`;
}

/** Waits until something answers on the port (nginx prints nothing when it is ready). */
async function waitForPort(/** @type {number} */ port, /** @type {() => boolean} */ alive) {
  for (let i = 0; i < 200; i += 1) {
    if (!alive()) return false;
    try {
      const response = await fetch(`http://127.0.0.1:${port}/`, { method: 'HEAD' });
      await response.arrayBuffer();
      return true;
    } catch {
      await new Promise((done) => setTimeout(done, 25));
    }
  }
  return false;
}

/**
 * Starts nginx serving the files under `root` at http://127.0.0.1:<free port>/<relative path>.
 * @param {string} root an absolute folder
 * @returns {Promise<{ origin: string, stop(): Promise<void> }>}
 */
export async function startNginx(root) {
  const binary = await findNginx();
  if (!binary) throw Object.assign(new Error(NGINX_MISSING), { code: 'NGINX_MISSING' });
  const prefix = await mkdtemp(join(tmpdir(), 'courier-bench-nginx-'));
  await mkdir(join(prefix, 'body'));
  const port = await freePort();
  const conf = join(prefix, 'nginx.conf');
  await writeFile(conf, config(root, port, prefix));
  // -e: errors before the config is read go to stderr, not to the system's /var/log/nginx.
  const child = spawn(binary, ['-p', prefix, '-c', conf, '-e', 'stderr'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  if (!(await waitForPort(port, () => !exited))) {
    child.kill('SIGKILL');
    await rm(prefix, { recursive: true, force: true });
    throw new Error(`nginx did not start (see its messages above; config in ${conf})`);
  }
  return {
    origin: `http://127.0.0.1:${port}`,
    async stop() {
      if (!exited) {
        // SIGTERM to the master is nginx's fast shutdown: it stops its worker and exits.
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
      await rm(prefix, { recursive: true, force: true });
    },
  };
}
