// Throw-away certificates for wss tests, made with the openssl command line in a temporary folder:
// CAs and server certificates signed by them, valid for a day, P-256 keys (fast to make).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function openssl(args, cwd) {
  try {
    execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    throw new Error(`openssl ${args.join(' ')}: ${error.stderr?.toString() || error.message}`);
  }
}

const KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

export class TestPki {
  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'eo-pki-'));
    process.on('exit', () => rmSync(this.dir, { recursive: true, force: true }));
  }

  path(name) {
    return join(this.dir, name);
  }

  // A self-signed CA; returns the path of its certificate (PEM).
  ca(name) {
    openssl(['req', '-x509', ...KEY, '-keyout', `${name}.key`, '-out', `${name}.pem`, '-days', '1',
             '-subj', `/CN=${name}`, '-addext', 'basicConstraints=critical,CA:TRUE',
             '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], this.dir);
    return this.path(`${name}.pem`);
  }

  // A server certificate for `altNames` (e.g. 'IP:127.0.0.1') signed by the CA `caName`.
  // Returns { key, cert } as PEM text, ready for tls.createServer.
  server(name, caName, altNames) {
    const extensions = this.path(`${name}.ext`);
    writeFileSync(extensions, `subjectAltName=${altNames.join(',')}\nextendedKeyUsage=serverAuth\n` +
                              'keyUsage=critical,digitalSignature\nbasicConstraints=CA:FALSE\n');
    openssl(['req', ...KEY, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`], this.dir);
    openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', `${caName}.pem`, '-CAkey', `${caName}.key`,
             '-CAcreateserial', '-out', `${name}.pem`, '-days', '1', '-extfile', extensions], this.dir);
    return { key: readFileSync(this.path(`${name}.key`)), cert: readFileSync(this.path(`${name}.pem`)) };
  }
}
