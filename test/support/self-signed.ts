/**
 * A self-signed TLS certificate made in the test, offline, with node:crypto alone (which signs but
 * builds no X.509): an EC P-256 key, and the certificate's DER written out by hand. Enough for an
 * HTTPS server on loopback whose certificate no client trusts, as behind an HTTPS-inspecting proxy.
 */

import { generateKeyPairSync, sign } from 'node:crypto';

const length = (n: number): number[] => (n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff]);
const tlv = (tag: number, ...content: number[][]): number[] => {
  const body = content.flat();
  return [tag, ...length(body.length), ...body];
};
const sequence = (...content: number[][]) => tlv(0x30, ...content);

function oid(dotted: string): number[] {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const part of rest) {
    const base128 = [part & 0x7f];
    for (let value = part >> 7; value > 0; value >>= 7) base128.unshift((value & 0x7f) | 0x80);
    bytes.push(...base128);
  }
  return tlv(0x06, bytes);
}

const utcTime = (date: Date): number[] =>
  tlv(0x17, [...Buffer.from(`${date.toISOString().slice(2, 19).replace(/[-T:]/g, '')}Z`, 'ascii')]);

/** A key and a certificate for `localhost`, in PEM, valid from yesterday for a year. */
export function selfSignedCertificate(): { key: string; cert: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ecdsaWithSha256 = sequence(oid('1.2.840.10045.4.3.2'));
  const name = sequence(tlv(0x31, sequence(oid('2.5.4.3'), tlv(0x0c, [...Buffer.from('localhost')]))));
  const now = Date.now();
  const tbs = sequence(
    tlv(0xa0, tlv(0x02, [2])),
    tlv(0x02, [0x01, 0x23]),
    ecdsaWithSha256,
    name,
    sequence(utcTime(new Date(now - 86_400_000)), utcTime(new Date(now + 365 * 86_400_000))),
    name,
    [...publicKey.export({ type: 'spki', format: 'der' })],
  );
  const signature = sign('sha256', Buffer.from(tbs), privateKey);
  const der = Buffer.from(sequence(tbs, ecdsaWithSha256, tlv(0x03, [0], [...signature])));
  const base64 = der.toString('base64').replace(/.{64}/g, '$&\n');
  return {
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    cert: `-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----\n`.replace(/\n\n/, '\n'),
  };
}
