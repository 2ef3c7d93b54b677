import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { waitFor } from './wait-for';

const run = promisify(execFile);
const SCHEMA_DIR = '/etc/ldap/schema';
const AD_LITE_SCHEMA = join(__dirname, '..', 'fixtures', 'ldap', 'ad-lite.ldif');

export const SUFFIX = 'dc=acme,dc=test';
export const ROOT_DN = `cn=admin,${SUFFIX}`;
export const ROOT_PASSWORD = 'root-secret';
/** The connector's own account: not the root DN, so that the size limit applies to it. */
export const CONNECTOR_DN = `cn=connector,ou=service,${SUFFIX}`;
export const CONNECTOR_PASSWORD = 'connector-secret-Pa55';

export interface SlapdServer {
  url: string;
  port: number;
  /** With `tls`: the LDAPS address, and the CA that signed the server's certificate (for 127.0.0.1). */
  ldapsUrl?: string;
  caFile?: string;
  dir: string;
  /** Stops the server and keeps its data, to start it again. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and removes its directory. */
  destroy(): Promise<void>;
}

export interface SlapdOptions {
  /** Entries per search without the paged results control (the server's size limit). */
  sizeLimit: number;
  /** The entries under the suffix, as LDIF (the suffix entry and the connector's account are added). */
  seed: string;
  /** Serve LDAPS too, and StartTLS on ldap://, with a certificate from a CA made for the run. */
  tls?: boolean;
}

/**
 * Debian's slapd on a free loopback port, in a temporary directory with its own cn=config (core, cosine,
 * inetOrgPerson, the AD-like schema of test/fixtures/ldap, the ppolicy overlay for OpenLDAP's account lock), one mdb
 * database seeded with slapadd. A search without paging returns at most `sizeLimit` entries.
 */
export async function startSlapd(options: SlapdOptions): Promise<SlapdServer> {
  const dir = mkdtempSync(join(tmpdir(), 'dps-slapd-'));
  mkdirSync(join(dir, 'config'));
  mkdirSync(join(dir, 'data'));
  const tls = options.tls ? await makeCertificates(dir) : undefined;
  writeFileSync(join(dir, 'config.ldif'), configLdif(dir, options.sizeLimit, tls));
  writeFileSync(join(dir, 'seed.ldif'), baseEntries() + options.seed);
  let child: ChildProcess | undefined;
  const port = await freePort();
  const url = `ldap://127.0.0.1:${port}`;
  const ldapsUrl = tls ? `ldaps://127.0.0.1:${await freePort()}` : undefined;
  const listeners = [url, ldapsUrl]
    .filter(Boolean)
    .map((address) => `${address}/`)
    .join(' ');
  const server: SlapdServer = {
    url,
    port,
    ldapsUrl,
    caFile: tls?.caFile,
    dir,
    start: async () => {
      child = spawn('/usr/sbin/slapd', ['-d', '0', '-h', listeners, '-F', join(dir, 'config')], { stdio: ['ignore', 'ignore', 'pipe'] });
      let output = '';
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      const exited = child;
      await waitFor(
        `slapd on ${url}`,
        async () => {
          if (exited.exitCode !== null) throw new Error(`slapd exited with ${exited.exitCode}: ${output}`);
          return accepts(port);
        },
        { timeoutMs: 20_000 },
      );
    },
    stop: async () => {
      const stopping = child;
      child = undefined;
      if (!stopping || stopping.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        stopping.once('exit', () => resolve());
        stopping.kill('SIGKILL');
      });
    },
    destroy: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await run('/usr/sbin/slapadd', ['-n', '0', '-F', join(dir, 'config'), '-l', join(dir, 'config.ldif')]);
    await run('/usr/sbin/slapadd', ['-q', '-b', SUFFIX, '-F', join(dir, 'config'), '-l', join(dir, 'seed.ldif')], {
      maxBuffer: 64 * 1024 * 1024,
    });
    await server.start();
  } catch (error) {
    await server.destroy();
    throw error;
  }
  return server;
}

interface Certificates {
  caFile: string;
  certificateFile: string;
  keyFile: string;
}

/** A CA and a certificate it signs for 127.0.0.1, made with openssl for this server only. */
async function makeCertificates(dir: string): Promise<Certificates> {
  const file = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => run('openssl', args);
  await openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=dps test CA',
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
  );
  await openssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=127.0.0.1',
    '-keyout',
    file('server.key'),
    '-out',
    file('server.csr'),
  );
  writeFileSync(file('server.ext'), 'subjectAltName = IP:127.0.0.1\n');
  await openssl(
    'x509',
    '-req',
    '-in',
    file('server.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    file('server.ext'),
    '-out',
    file('server.pem'),
  );
  return { caFile: file('ca.pem'), certificateFile: file('server.pem'), keyFile: file('server.key') };
}

function configLdif(dir: string, sizeLimit: number, tls?: Certificates): string {
  // prtotal=unlimited: the paged results control reads past the size limit, as Active Directory's MaxPageSize allows.
  const limits = `size.soft=${sizeLimit} size.hard=${sizeLimit} size.prtotal=unlimited`;
  const tlsSettings = tls
    ? `olcTLSCACertificateFile: ${tls.caFile}\nolcTLSCertificateFile: ${tls.certificateFile}\nolcTLSCertificateKeyFile: ${tls.keyFile}\n`
    : '';
  return `dn: cn=config
objectClass: olcGlobal
cn: config
olcPidFile: ${join(dir, 'slapd.pid')}
${tlsSettings}
dn: cn=module{0},cn=config
objectClass: olcModuleList
cn: module{0}
olcModulePath: /usr/lib/ldap
olcModuleLoad: back_mdb
olcModuleLoad: ppolicy

dn: cn=schema,cn=config
objectClass: olcSchemaConfig
cn: schema

include: file://${SCHEMA_DIR}/core.ldif

include: file://${SCHEMA_DIR}/cosine.ldif

include: file://${SCHEMA_DIR}/inetorgperson.ldif

include: file://${AD_LITE_SCHEMA}

dn: olcDatabase={-1}frontend,cn=config
objectClass: olcDatabaseConfig
objectClass: olcFrontendConfig
olcDatabase: {-1}frontend
olcSizeLimit: ${limits}

dn: olcDatabase={0}config,cn=config
objectClass: olcDatabaseConfig
olcDatabase: {0}config
olcAccess: {0}to * by * none

dn: olcDatabase={1}mdb,cn=config
objectClass: olcDatabaseConfig
objectClass: olcMdbConfig
olcDatabase: {1}mdb
olcSuffix: ${SUFFIX}
olcRootDN: ${ROOT_DN}
olcRootPW: ${ROOT_PASSWORD}
olcDbDirectory: ${join(dir, 'data')}
olcDbMaxSize: 1073741824
olcSizeLimit: ${limits}
olcAccess: {0}to attrs=userPassword by anonymous auth by * none
olcAccess: {1}to * by users read by * none

dn: olcOverlay={0}ppolicy,olcDatabase={1}mdb,cn=config
objectClass: olcOverlayConfig
objectClass: olcPPolicyConfig
olcOverlay: {0}ppolicy

`;
}

function baseEntries(): string {
  return `dn: ${SUFFIX}
objectClass: dcObject
objectClass: organization
dc: acme
o: Acme

dn: ou=service,${SUFFIX}
objectClass: organizationalUnit
ou: service

dn: ${CONNECTOR_DN}
objectClass: person
cn: connector
sn: connector
userPassword: ${CONNECTOR_PASSWORD}

`;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
