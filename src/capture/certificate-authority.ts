/**
 * The per-run certificate authority of `--capture-tls`. node:crypto makes keys but cannot
 * build X.509 certificates, so node-forge assembles and signs them; the keys come from
 * node:crypto (native, fast). The CA key never leaves memory; only its certificate is
 * written, to a private temporary folder removed when the run ends.
 */
import { generateKeyPair, randomBytes, X509Certificate } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { isIP } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSecureContext, rootCertificates, type SecureContext } from "node:tls";
import { promisify } from "node:util";
import forge from "node-forge";

const generateRsa = promisify(generateKeyPair);

/** Certificates are valid from an hour ago (clock skew) for two days: longer than any run. */
const VALID_BEFORE_MS = 60 * 60 * 1000;
const VALID_FOR_MS = 2 * 24 * 60 * 60 * 1000;

interface KeyPair {
  privatePem: string;
  forgePrivate: forge.pki.rsa.PrivateKey;
  forgePublic: forge.pki.rsa.PublicKey;
}

export interface TrustFiles {
  /** The CA certificate alone (`NODE_EXTRA_CA_CERTS` adds it to Node's store). */
  caFile: string;
  /** The CA followed by Node's bundled roots (`SSL_CERT_FILE`, `REQUESTS_CA_BUNDLE` replace the store). */
  bundleFile: string;
}

export class CertificateAuthority {
  readonly certPem: string;
  /** SHA-256 fingerprint of the CA certificate, as OpenSSL prints it. */
  readonly fingerprint: string;
  private readonly cert: forge.pki.Certificate;
  private readonly key: KeyPair;
  private readonly leafKey: KeyPair;
  private readonly contexts = new Map<string, SecureContext>();
  private folder: string | null = null;

  private constructor(cert: forge.pki.Certificate, key: KeyPair, leafKey: KeyPair) {
    this.cert = cert;
    this.key = key;
    this.leafKey = leafKey;
    this.certPem = forge.pki.certificateToPem(cert);
    this.fingerprint = new X509Certificate(this.certPem).fingerprint256;
  }

  /** A fresh CA: new keys every call, never reused across runs. */
  static async create(opts: { commonName: string }): Promise<CertificateAuthority> {
    const [key, leafKey] = await Promise.all([rsaKeyPair(), rsaKeyPair()]);
    const cert = forge.pki.createCertificate();
    cert.publicKey = key.forgePublic;
    cert.serialNumber = serialNumber();
    setValidity(cert);
    const name = [
      { name: "commonName", value: opts.commonName.slice(0, 64) },
      { name: "organizationName", value: "pome capture (per-run, temporary)" },
    ];
    cert.setSubject(name);
    cert.setIssuer(name);
    cert.setExtensions([
      { name: "basicConstraints", cA: true, pathLenConstraint: 0, critical: true },
      { name: "keyUsage", keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
      { name: "subjectKeyIdentifier" },
    ]);
    cert.sign(key.forgePrivate, forge.md.sha256.create());
    return new CertificateAuthority(cert, key, leafKey);
  }

  /** A TLS server context presenting a certificate for `host`, signed by this CA (cached per host). */
  contextFor(host: string): SecureContext {
    const cached = this.contexts.get(host);
    if (cached) return cached;
    const leaf = forge.pki.createCertificate();
    leaf.publicKey = this.leafKey.forgePublic;
    leaf.serialNumber = serialNumber();
    setValidity(leaf);
    leaf.setSubject([{ name: "commonName", value: host.slice(0, 64) }]);
    leaf.setIssuer(this.cert.subject.attributes);
    const altName = isIP(host) ? { type: 7, ip: host } : { type: 2, value: host };
    leaf.setExtensions([
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames: [altName] },
      { name: "subjectKeyIdentifier" },
      { name: "authorityKeyIdentifier", keyIdentifier: this.cert.generateSubjectKeyIdentifier().getBytes() },
    ]);
    leaf.sign(this.key.forgePrivate, forge.md.sha256.create());
    const context = createSecureContext({ key: this.leafKey.privatePem, cert: forge.pki.certificateToPem(leaf) });
    this.contexts.set(host, context);
    return context;
  }

  /** Writes the CA certificate (never its key) for the agent's TLS clients to trust. */
  writeTrustFiles(): TrustFiles {
    if (!this.folder) this.folder = mkdtempSync(join(tmpdir(), "pome-ca-"));
    const caFile = join(this.folder, "pome-run-ca.pem");
    const bundleFile = join(this.folder, "pome-run-ca-bundle.pem");
    writeFileSync(caFile, this.certPem, { mode: 0o600 });
    writeFileSync(bundleFile, [this.certPem.trim(), ...rootCertificates].join("\n") + "\n", { mode: 0o600 });
    return { caFile, bundleFile };
  }

  /** Deletes the written certificate files. Safe to call twice. */
  removeTrustFiles(): void {
    if (!this.folder) return;
    rmSync(this.folder, { recursive: true, force: true });
    this.folder = null;
  }
}

async function rsaKeyPair(): Promise<KeyPair> {
  const { privateKey, publicKey } = await generateRsa("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
  });
  return {
    privatePem: privateKey,
    forgePrivate: forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey,
    forgePublic: forge.pki.publicKeyFromPem(publicKey) as forge.pki.rsa.PublicKey,
  };
}

function setValidity(cert: forge.pki.Certificate): void {
  const now = Date.now();
  cert.validity.notBefore = new Date(now - VALID_BEFORE_MS);
  cert.validity.notAfter = new Date(now + VALID_FOR_MS);
}

/** 16 random bytes as hex; the first byte is in 0x40–0x7f so the DER integer is positive and minimal. */
function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] & 0x3f) | 0x40;
  return bytes.toString("hex");
}
