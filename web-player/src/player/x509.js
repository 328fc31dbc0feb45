/** X.509, as far as the Content Credentials reader needs it: the signer's name and public key. */

/** A DER element at `pos`: {tag, start, content, end}. */
function der(bytes, pos, limit = bytes.length) {
  if (pos + 2 > limit) throw new Error('the certificate is cut short');
  const tag = bytes[pos];
  let len = bytes[pos + 1];
  let content = pos + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || content + n > limit) throw new Error('the certificate has a bad length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + bytes[content + i];
    content += n;
  }
  if (content + len > limit) throw new Error('the certificate is cut short');
  return { tag, start: pos, content, end: content + len };
}

function derChildren(bytes, parent) {
  const out = [];
  for (let p = parent.content; p < parent.end;) {
    const e = der(bytes, p, parent.end);
    out.push(e);
    p = e.end;
  }
  return out;
}

const NAME_KEYS = { '2.5.4.3': 'CN', '2.5.4.6': 'C', '2.5.4.7': 'L', '2.5.4.8': 'ST', '2.5.4.10': 'O', '2.5.4.11': 'OU' };

function oid(bytes) {
  const parts = [Math.floor(bytes[0] / 40), bytes[0] % 40];
  let v = 0;
  for (let i = 1; i < bytes.length; i++) {
    v = v * 128 + (bytes[i] & 0x7f);
    if (!(bytes[i] & 0x80)) { parts.push(v); v = 0; }
  }
  return parts.join('.');
}

/** The subject (as "CN=…, O=…", in the certificate's order), its common name and the SPKI of a DER certificate. */
export function readCertificate(bytes) {
  const cert = der(bytes, 0);
  const tbs = derChildren(bytes, cert)[0];
  if (!tbs || tbs.tag !== 0x30) throw new Error('the certificate has no tbsCertificate');
  const fields = derChildren(bytes, tbs);
  const at = fields[0]?.tag === 0xa0 ? 1 : 0; // [0] version, when present, comes first
  const subject = fields[at + 4];
  const spki = fields[at + 5];
  if (!subject || !spki || subject.tag !== 0x30 || spki.tag !== 0x30) throw new Error('the certificate lacks its subject or public key');
  const names = [];
  for (const set of derChildren(bytes, subject)) {
    for (const pair of derChildren(bytes, set)) {
      const [id, value] = derChildren(bytes, pair);
      const key = NAME_KEYS[oid(bytes.subarray(id.content, id.end))] || oid(bytes.subarray(id.content, id.end));
      names.push([key, new TextDecoder().decode(bytes.subarray(value.content, value.end))]);
    }
  }
  return {
    subject: names.map(([k, v]) => `${k}=${v}`).join(', '),
    commonName: names.find(([k]) => k === 'CN')?.[1] ?? null,
    spki: bytes.slice(spki.start, spki.end),
  };
}

