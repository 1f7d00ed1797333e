/**
 * Port helpers for the local stack: say clearly when a port is taken instead
 * of letting a bare EADDRINUSE stack trace reach the person running `npm start`.
 */
import type { Server } from 'node:http';
import { createServer } from 'node:net';

/** The setting people change when the default port is taken. */
const DEFAULT_SETTING = 'LINLI_PORT';

export class PortInUseError extends Error {
  readonly port: number;
  constructor(port: number, setting = DEFAULT_SETTING) {
    super(
      `端口 ${port} 已被占用 / port ${port} is already in use: ` +
        `set ${setting} to another port, or stop the program that listens on ${port}`,
    );
    this.name = 'PortInUseError';
    this.port = port;
  }
}

export interface PortOptions {
  /** Interface to probe; absent probes all interfaces, which also catches listeners bound to one address. */
  host?: string;
  /** The setting named in the error message. */
  setting?: string;
}

/** Resolves when `port` can be bound, throws `PortInUseError` when something already listens on it. */
export async function assertPortFree(port: number, opts: PortOptions = {}): Promise<void> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (error: NodeJS.ErrnoException) => reject(translateListenError(error, port, opts.setting)));
    probe.listen({ port, host: opts.host, exclusive: true }, () => resolve());
  });
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}

/** A port the OS says is free right now (another process may still take it before we do). */
export async function getFreePort(host = '127.0.0.1'): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen({ port: 0, host, exclusive: true }, () => resolve());
  });
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('could not obtain a free port');
  return address.port;
}

/** Starts `server` on `host:port` (0 = any free port) and returns the port it got. */
export async function listenOn(server: Server, port: number, host: string, setting?: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => reject(translateListenError(error, port, setting));
    server.once('error', onError);
    server.listen({ port, host, exclusive: true }, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error(`server on ${host}:${port} has no TCP address`);
  return address.port;
}

/** `http://127.0.0.1:8000`, with IPv6 hosts in brackets. */
export function httpUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function translateListenError(error: NodeJS.ErrnoException, port: number, setting?: string): Error {
  if (error.code === 'EADDRINUSE') return new PortInUseError(port, setting);
  if (error.code === 'EACCES') {
    return new Error(
      `端口 ${port} 无权限使用 / port ${port} needs privileges: set ${setting ?? DEFAULT_SETTING} to a port above 1024`,
    );
  }
  return error;
}
