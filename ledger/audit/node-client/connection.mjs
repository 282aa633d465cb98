// The gateway connection both scripts open, from the config's "peer" and "identity":
//   peer:     { url: "localhost:7051", tlsCaCert?: PEM, serverName?: string,
//               clientCert?: PEM, clientKey?: PEM }   (no tlsCaCert: plaintext)
// With a client certificate (mutual TLS) the gateway also sends the SHA-256 of its DER encoding
// in block event requests, as Fabric binds Deliver requests to the TLS session.
//   identity: { mspId, cert: PEM, key: PEM, signingKey?: PEM, signer?: "package" | "native" }
// signingKey, when given, signs instead of key: a signature that does not match the certificate.
// signer "package" (the default) is the package's own newPrivateKeySigner (pure JavaScript ECDSA);
// "native" hands the unhashed message to Node's OpenSSL (the package's hash.none, as for an HSM)
// and makes the signature low-S, as Fabric requires.
import * as grpc from '@grpc/grpc-js';
import { connect, hash, signers } from '@hyperledger/fabric-gateway';
import { X509Certificate, createHash, createPrivateKey, sign } from 'node:crypto';

// The order of P-256: a signature's s above half of it is replaced by n - s (low-S).
const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

function derInteger(bytes, offset) {
  const length = bytes[offset + 1];
  const start = offset + 2;
  return { value: BigInt('0x' + Buffer.from(bytes.subarray(start, start + length)).toString('hex')), end: start + length };
}

function derEncodeInteger(value) {
  let hex = value.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  let body = Buffer.from(hex, 'hex');
  if (body[0] & 0x80) body = Buffer.concat([Buffer.from([0]), body]);
  return Buffer.concat([Buffer.from([0x02, body.length]), body]);
}

function lowS(der) {
  const r = derInteger(der, 2);
  const s = derInteger(der, r.end);
  if (s.value <= P256_ORDER / 2n) {
    return der;
  }
  const body = Buffer.concat([derEncodeInteger(r.value), derEncodeInteger(P256_ORDER - s.value)]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}

function signerOf(identity) {
  const key = createPrivateKey(identity.signingKey ?? identity.key);
  if (identity.signer === 'native') {
    return { signer: async (message) => lowS(sign('sha256', message, key)), hash: hash.none };
  }
  return { signer: signers.newPrivateKeySigner(key), hash: hash.sha256 };
}

export function openGateway(config, deadlineSeconds) {
  const peer = config.peer;
  const credentials = peer.tlsCaCert
    ? grpc.credentials.createSsl(
        Buffer.from(peer.tlsCaCert),
        peer.clientKey ? Buffer.from(peer.clientKey) : null,
        peer.clientCert ? Buffer.from(peer.clientCert) : null,
      )
    : grpc.credentials.createInsecure();
  const options = peer.serverName ? { 'grpc.ssl_target_name_override': peer.serverName } : {};
  const client = new grpc.Client(peer.url, credentials, options);
  const identity = config.identity;
  const deadline = () => ({ deadline: Date.now() + Number(deadlineSeconds) * 1000 });
  const tlsClientCertificateHash = peer.clientCert
    ? createHash('sha256').update(new X509Certificate(peer.clientCert).raw).digest()
    : undefined;
  const gateway = connect({
    client,
    ...(tlsClientCertificateHash ? { tlsClientCertificateHash } : {}),
    identity: { mspId: identity.mspId, credentials: Buffer.from(identity.cert) },
    ...signerOf(identity),
    evaluateOptions: deadline,
    endorseOptions: deadline,
    submitOptions: deadline,
    commitStatusOptions: deadline,
  });
  return { gateway, client };
}

/** An error as one JSON object: its class, gRPC code, and the message and details it carries. */
export function describeError(err) {
  return {
    error: err.constructor?.name ?? 'Error',
    code: err.code ?? err.cause?.code ?? null,
    message: err.message,
    details: (err.details ?? []).map((d) => ({ address: d.address, mspId: d.mspId, message: d.message })),
    ...(err.transactionId ? { txId: err.transactionId } : {}),
  };
}
