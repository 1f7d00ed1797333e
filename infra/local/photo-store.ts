/**
 * The local photo store: a small S3 stand-in speaking the path-style REST
 * shapes the backend uses (presigned POST uploads, presigned GETs, and
 * Get/Put/Head/DeleteObject from the real AWS SDK), checking SigV4 signatures
 * and POST policies the way S3 does, so a wrong signature fails here too.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isAbsolute, join } from 'node:path';
import { httpUrl, listenOn } from './ports.js';

/** The largest file a presigned POST may carry (the product's photo limit). */
export const PHOTO_STORE_MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Room for the form fields around a maximal file. */
const MAX_POST_BODY_BYTES = PHOTO_STORE_MAX_FILE_BYTES + 64 * 1024;
/** How far a header-signed request's clock may drift, as S3 allows. */
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;
const ALGORITHM = 'AWS4-HMAC-SHA256';

export interface PhotoStoreOptions {
  port: number;
  host?: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Absolute directory; objects go under `<dataDir>/<bucket>/`. Absent keeps them in memory. */
  dataDir?: string;
}

export interface PhotoStoreServer {
  url: string;
  close(): Promise<void>;
}

interface StoredObject {
  body: Buffer;
  contentType: string;
  metadata: Record<string, string>;
  etag: string;
  lastModified: string;
  /** Object tags (what lifecycle rules filter on): at most 10, as S3 allows. */
  tags?: Record<string, string>;
}

interface ObjectStorage {
  get(key: string): Promise<StoredObject | undefined>;
  put(key: string, object: StoredObject): Promise<void>;
  delete(key: string): Promise<void>;
}

/** An S3 error response: status, S3's error code and message. */
class S3Error extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const accessDenied = (message = 'Access Denied') => new S3Error(403, 'AccessDenied', message);
const malformedPost = () =>
  new S3Error(400, 'MalformedPOSTRequest', 'The body of your POST request is not well-formed multipart/form-data.');
const signatureMismatch = () =>
  new S3Error(
    403,
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
  );
const entityTooLarge = () =>
  new S3Error(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size');

export async function startPhotoStore(opts: PhotoStoreOptions): Promise<PhotoStoreServer> {
  const host = opts.host ?? '127.0.0.1';
  if (opts.dataDir !== undefined && !isAbsolute(opts.dataDir)) {
    throw new Error(`photo store dataDir must be an absolute path, got ${opts.dataDir}`);
  }
  const storage = opts.dataDir === undefined ? memoryStorage() : await diskStorage(join(opts.dataDir, opts.bucket));

  const signingKey = (date: string): Buffer => {
    const kDate = hmac(`AWS4${opts.secretAccessKey}`, date);
    return hmac(hmac(hmac(kDate, opts.region), 's3'), 'aws4_request');
  };

  /** Checks `AKID/yyyymmdd/region/s3/aws4_request` against our configuration; returns the scope date. */
  const checkCredential = (credential: string, amzDate: string): string => {
    const [accessKeyId, date, region, service, terminator, ...rest] = credential.split('/');
    if (accessKeyId === undefined || date === undefined || region === undefined || rest.length > 0) {
      throw new S3Error(400, 'AuthorizationHeaderMalformed', `The credential '${credential}' is malformed.`);
    }
    if (accessKeyId !== opts.accessKeyId) {
      throw new S3Error(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
    }
    if (service !== 's3' || terminator !== 'aws4_request') {
      throw new S3Error(400, 'AuthorizationHeaderMalformed', `The credential '${credential}' is malformed.`);
    }
    if (region !== opts.region) {
      throw new S3Error(
        400,
        'AuthorizationHeaderMalformed',
        `The authorization header is malformed; the region '${region}' is wrong; expecting '${opts.region}'`,
      );
    }
    if (parseAmzDate(amzDate) === undefined || amzDate.slice(0, 8) !== date) {
      throw new S3Error(400, 'AuthorizationHeaderMalformed', 'The credential date does not match X-Amz-Date.');
    }
    return date;
  };

  /** SigV4 over a canonical request; tries the path as sent and as S3 re-encodes it. */
  const verifySignature = (
    req: IncomingMessage,
    target: RequestTarget,
    signed: { credential: string; amzDate: string; signedHeaders: string; signature: string; payloadHash: string },
    query: string,
  ): void => {
    const date = checkCredential(signed.credential, signed.amzDate);
    const names = signed.signedHeaders.split(';');
    if (!names.includes('host')) throw accessDenied('Host must be a signed header.');
    const headers = names.map((name) => `${name}:${canonicalHeaderValue(req.headers[name])}\n`).join('');
    const key = signingKey(date);
    const scope = `${date}/${opts.region}/s3/aws4_request`;
    const uris = new Set([target.rawPath, canonicalPath(target)]);
    for (const uri of uris) {
      const canonical = [req.method, uri, query, headers, signed.signedHeaders, signed.payloadHash].join('\n');
      const stringToSign = [ALGORITHM, signed.amzDate, scope, sha256Hex(canonical)].join('\n');
      if (sameHex(hmac(key, stringToSign).toString('hex'), signed.signature)) return;
    }
    throw signatureMismatch();
  };

  /** Presigned URL (query) or Authorization header; anything else is anonymous and refused. */
  const authenticate = (req: IncomingMessage, target: RequestTarget, body: Buffer | undefined): void => {
    const params = new URLSearchParams(target.rawQuery);
    const algorithm = params.get('X-Amz-Algorithm');
    if (algorithm !== null) {
      if (algorithm !== ALGORITHM) {
        throw new S3Error(400, 'AuthorizationQueryParametersError', 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
      }
      const amzDate = params.get('X-Amz-Date') ?? '';
      const expires = Number(params.get('X-Amz-Expires'));
      if (!Number.isInteger(expires) || expires < 1 || expires > MAX_PRESIGN_SECONDS) {
        throw new S3Error(
          400,
          'AuthorizationQueryParametersError',
          'X-Amz-Expires must be less than a week (in seconds) that is 604800',
        );
      }
      verifySignature(
        req,
        target,
        {
          credential: params.get('X-Amz-Credential') ?? '',
          amzDate,
          signedHeaders: params.get('X-Amz-SignedHeaders') ?? '',
          signature: params.get('X-Amz-Signature') ?? '',
          payloadHash: params.get('X-Amz-Content-Sha256') ?? 'UNSIGNED-PAYLOAD',
        },
        canonicalQuery(target.rawQuery, 'X-Amz-Signature'),
      );
      const signedAt = parseAmzDate(amzDate) ?? 0;
      if (Date.now() > signedAt + expires * 1000) throw accessDenied('Request has expired');
      return;
    }

    const authorization = req.headers.authorization;
    if (authorization === undefined) throw accessDenied();
    const match = /^AWS4-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]+)$/.exec(
      authorization.trim(),
    );
    if (!match) throw new S3Error(400, 'InvalidArgument', 'Unsupported Authorization Type');
    const amzDate = header(req, 'x-amz-date') ?? '';
    const payloadHash = header(req, 'x-amz-content-sha256');
    if (payloadHash === undefined) {
      throw new S3Error(400, 'InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
    }
    verifySignature(
      req,
      target,
      { credential: match[1] ?? '', signedHeaders: match[2] ?? '', signature: match[3] ?? '', amzDate, payloadHash },
      canonicalQuery(target.rawQuery),
    );
    if (Math.abs(Date.now() - (parseAmzDate(amzDate) ?? 0)) > MAX_CLOCK_SKEW_MS) {
      throw new S3Error(
        403,
        'RequestTimeTooSkewed',
        'The difference between the request time and the current time is too large.',
      );
    }
    // Streaming uploads sign each chunk too; we check the request's own signature and the body's size, not each chunk's.
    if (/^[0-9a-f]{64}$/.test(payloadHash) && body !== undefined && sha256Hex(body) !== payloadHash) {
      throw new S3Error(
        400,
        'XAmzContentSHA256Mismatch',
        "The provided 'x-amz-content-sha256' header does not match what was computed.",
      );
    }
  };

  const postUpload = async (req: IncomingMessage, res: ServerResponse, target: RequestTarget): Promise<void> => {
    const boundary = /^multipart\/form-data;.*?boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(
      header(req, 'content-type') ?? '',
    );
    if (!boundary) {
      throw new S3Error(412, 'PreconditionFailed', 'Bucket POST must be of the enclosure-type multipart/form-data');
    }
    const body = await readBody(req, MAX_POST_BODY_BYTES);
    const parts = parseMultipart(body, boundary[1] ?? boundary[2] ?? '');
    const fields = new Map<string, string>();
    let file: FormPart | undefined;
    for (const part of parts) {
      const name = part.name.toLowerCase();
      // Like S3: the file must be the last field; anything after it is ignored.
      if (name === 'file') {
        file = part;
        break;
      }
      if (!fields.has(name)) fields.set(name, part.data.toString('utf8'));
    }
    if (file === undefined) {
      throw new S3Error(400, 'InvalidArgument', 'POST requires exactly one file upload per request.');
    }
    for (const required of ['policy', 'x-amz-algorithm', 'x-amz-credential', 'x-amz-date', 'x-amz-signature', 'key']) {
      if (!fields.has(required)) {
        throw new S3Error(400, 'InvalidArgument', `Bucket POST must contain a field named '${required}'.`);
      }
    }
    if (fields.get('x-amz-algorithm') !== ALGORITHM) {
      throw new S3Error(400, 'InvalidArgument', 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
    }
    const policy = fields.get('policy') ?? '';
    const date = checkCredential(fields.get('x-amz-credential') ?? '', fields.get('x-amz-date') ?? '');
    if (!sameHex(hmac(signingKey(date), policy).toString('hex'), fields.get('x-amz-signature') ?? '')) {
      throw signatureMismatch();
    }
    // biome-ignore lint/suspicious/noTemplateCurlyInString: S3's literal placeholder for the uploaded file's name.
    const key = (fields.get('key') ?? '').replaceAll('${filename}', file.filename ?? '');
    fields.set('key', key);
    checkKey(key);
    checkPolicy(decodePolicy(policy), fields, target.bucket, file.data.length);

    const tagging = fields.get('tagging');
    const stored = {
      ...newObject(file.data, fields.get('content-type'), metadataFrom(fields)),
      ...(tagging === undefined ? {} : { tags: parseTagging(tagging) }),
    };
    await storage.put(key, stored);

    const location = `${httpUrl(host, port)}/${target.bucket}/${encodeKey(key)}`;
    const status = fields.get('success_action_status');
    res.setHeader('ETag', stored.etag);
    res.setHeader('Location', location);
    if (status === '201') {
      sendXml(
        res,
        201,
        `<PostResponse><Location>${xml(location)}</Location><Bucket>${xml(target.bucket)}</Bucket>` +
          `<Key>${xml(key)}</Key><ETag>${xml(stored.etag)}</ETag></PostResponse>`,
      );
      return;
    }
    res.writeHead(status === '200' ? 200 : 204);
    res.end();
  };

  /** GetObjectTagging, PutObjectTagging (the whole set replaced) and DeleteObjectTagging. */
  const taggingRequest = async (req: IncomingMessage, res: ServerResponse, target: RequestTarget, key: string) => {
    const method = req.method ?? 'GET';
    const raw = method === 'PUT' ? await readBody(req, 64 * 1024) : undefined;
    authenticate(req, target, raw);
    // S3 takes a tag set only with an integrity checksum of the body: Content-MD5 or a flexible checksum.
    if (raw !== undefined) {
      const md5 = header(req, 'content-md5');
      const flexible = Object.keys(req.headers).some((h) =>
        /^x-amz-checksum-(crc32|crc32c|crc64nvme|sha1|sha256)$/.test(h),
      );
      if (md5 === undefined && !flexible)
        throw new S3Error(400, 'InvalidRequest', 'Missing required header for this request: Content-MD5');
      if (md5 !== undefined && md5 !== createHash('md5').update(raw).digest('base64'))
        throw new S3Error(400, 'BadDigest', 'The Content-MD5 you specified did not match what we received.');
    }
    const object = await storage.get(key);
    if (object === undefined) throw new S3Error(404, 'NoSuchKey', 'The specified key does not exist.');
    if (method === 'GET') {
      const set = Object.entries(object.tags ?? {})
        .map(([k, v]) => `<Tag><Key>${xml(k)}</Key><Value>${xml(v)}</Value></Tag>`)
        .join('');
      sendXml(res, 200, `<Tagging><TagSet>${set}</TagSet></Tagging>`);
      return;
    }
    if (method === 'PUT' || method === 'DELETE') {
      const tags = method === 'PUT' ? parseTagging((raw as Buffer).toString('utf8')) : {};
      await storage.put(key, { ...object, tags });
      res.writeHead(method === 'PUT' ? 200 : 204);
      res.end();
      return;
    }
    throw new S3Error(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
  };

  const objectRequest = async (req: IncomingMessage, res: ServerResponse, target: RequestTarget): Promise<void> => {
    const method = req.method ?? 'GET';
    const key = target.key;
    if (key === undefined || key === '') {
      authenticate(req, target, undefined);
      throw new S3Error(501, 'NotImplemented', 'Only object requests are implemented by the local photo store.');
    }
    if (new URLSearchParams(target.rawQuery).has('tagging')) {
      await taggingRequest(req, res, target, key);
      return;
    }
    if (method === 'PUT') {
      const raw = await readBody(req, MAX_POST_BODY_BYTES);
      authenticate(req, target, raw);
      checkKey(key);
      const body = isAwsChunked(req) ? decodeAwsChunked(raw) : raw;
      const declared = header(req, 'x-amz-decoded-content-length');
      if (declared !== undefined && Number(declared) !== body.length) {
        throw new S3Error(400, 'IncompleteBody', 'You did not provide the number of bytes specified.');
      }
      const stored = newObject(body, header(req, 'content-type'), metadataFrom(headerMap(req)));
      await storage.put(key, stored);
      res.writeHead(200, { ETag: stored.etag });
      res.end();
      return;
    }
    if (method === 'DELETE') {
      authenticate(req, target, undefined);
      await storage.delete(key);
      res.writeHead(204);
      res.end();
      return;
    }
    if (method !== 'GET' && method !== 'HEAD') {
      throw new S3Error(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
    }
    authenticate(req, target, undefined);
    const object = await storage.get(key);
    if (object === undefined) throw new S3Error(404, 'NoSuchKey', 'The specified key does not exist.');
    const params = new URLSearchParams(target.rawQuery);
    const headers: Record<string, string | number> = {
      'Content-Type': params.get('response-content-type') ?? object.contentType,
      'Content-Length': object.body.length,
      ETag: object.etag,
      'Last-Modified': new Date(object.lastModified).toUTCString(),
    };
    for (const [name, value] of Object.entries(object.metadata)) headers[`x-amz-meta-${name}`] = value;
    const disposition = params.get('response-content-disposition');
    if (disposition !== null) headers['Content-Disposition'] = disposition;
    const cacheControl = params.get('response-cache-control');
    if (cacheControl !== null) headers['Cache-Control'] = cacheControl;
    res.writeHead(200, headers);
    res.end(method === 'HEAD' ? undefined : object.body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Expose-Headers', 'ETag, Location, x-amz-request-id');
    res.setHeader('x-amz-request-id', randomBytes(8).toString('hex').toUpperCase());
    if (req.method === 'OPTIONS') {
      res.writeHead(200, {
        'Access-Control-Allow-Methods': 'GET, HEAD, PUT, POST, DELETE',
        'Access-Control-Allow-Headers': header(req, 'access-control-request-headers') ?? '*',
        'Access-Control-Max-Age': '3000',
      });
      res.end();
      return;
    }
    const target = parseTarget(req.url ?? '/');
    if (target.bucket !== opts.bucket) {
      throw new S3Error(404, 'NoSuchBucket', 'The specified bucket does not exist');
    }
    if (req.method === 'POST' && (target.key === undefined || target.key === '')) {
      await postUpload(req, res, target);
      return;
    }
    await objectRequest(req, res, target);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const s3Error =
        error instanceof S3Error ? error : new S3Error(500, 'InternalError', 'We encountered an internal error.');
      if (!(error instanceof S3Error)) console.error('[photo-store]', error);
      // A refused body may still be arriving: close the connection rather than read the rest.
      if (!req.complete) res.setHeader('Connection', 'close');
      if (req.method === 'HEAD') {
        res.writeHead(s3Error.status);
        res.end();
        return;
      }
      sendXml(
        res,
        s3Error.status,
        `<Error><Code>${s3Error.code}</Code><Message>${xml(s3Error.message)}</Message>` +
          `<Resource>${xml(parseTarget(req.url ?? '/').rawPath)}</Resource></Error>`,
      );
    });
  });
  const port = await listenOn(server, opts.port, host);

  return {
    url: httpUrl(host, port),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

// ---- requests -------------------------------------------------------------

interface RequestTarget {
  rawPath: string;
  rawQuery: string;
  bucket: string;
  /** Decoded object key; undefined for bucket-level requests. */
  key?: string;
}

function parseTarget(url: string): RequestTarget {
  const queryAt = url.indexOf('?');
  const rawPath = queryAt === -1 ? url : url.slice(0, queryAt);
  const rawQuery = queryAt === -1 ? '' : url.slice(queryAt + 1);
  const slash = rawPath.indexOf('/', 1);
  const bucket = safeDecode(slash === -1 ? rawPath.slice(1) : rawPath.slice(1, slash));
  const key = slash === -1 ? undefined : safeDecode(rawPath.slice(slash + 1));
  return key === undefined ? { rawPath, rawQuery, bucket } : { rawPath, rawQuery, bucket, key };
}

/** The path as S3 signs it: each key segment URI-encoded once. */
function canonicalPath(target: RequestTarget): string {
  return target.key === undefined ? `/${target.bucket}` : `/${target.bucket}/${encodeKey(target.key)}`;
}

function encodeKey(key: string): string {
  return key.split('/').map(uriEncode).join('/');
}

function canonicalQuery(rawQuery: string, omit?: string): string {
  return rawQuery
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const at = pair.indexOf('=');
      const name = safeDecode(at === -1 ? pair : pair.slice(0, at));
      const value = at === -1 ? '' : safeDecode(pair.slice(at + 1));
      return [uriEncode(name), uriEncode(value)] as const;
    })
    .filter(([name]) => name !== omit)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

function canonicalHeaderValue(value: string | string[] | undefined): string {
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
  return joined.trim().replace(/\s+/g, ' ');
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function headerMap(req: IncomingMessage): Map<string, string> {
  const map = new Map<string, string>();
  for (const name of Object.keys(req.headers)) map.set(name, header(req, name) ?? '');
  return map;
}

function isAwsChunked(req: IncomingMessage): boolean {
  const encoding = header(req, 'content-encoding') ?? '';
  return (
    encoding.split(',').some((e) => e.trim() === 'aws-chunked') ||
    /^STREAMING-/.test(header(req, 'x-amz-content-sha256') ?? '')
  );
}

/** `<hex size>[;chunk-signature=…]\r\n<bytes>\r\n … 0\r\n<trailers>\r\n` → the bytes. */
function decodeAwsChunked(raw: Buffer): Buffer {
  const chunks: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = raw.indexOf('\r\n', at);
    if (lineEnd === -1) throw new S3Error(400, 'IncompleteBody', 'The aws-chunked body ended early.');
    const size = Number.parseInt(raw.toString('latin1', at, lineEnd).split(';')[0] ?? '', 16);
    if (!Number.isInteger(size) || size < 0) throw new S3Error(400, 'InvalidRequest', 'Malformed aws-chunked body.');
    at = lineEnd + 2;
    if (size === 0) return Buffer.concat(chunks);
    if (at + size > raw.length) throw new S3Error(400, 'IncompleteBody', 'The aws-chunked body ended early.');
    chunks.push(raw.subarray(at, at + size));
    at += size + 2;
  }
}

/** Reads at most `limit` bytes; a larger body is refused without being buffered. */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > limit) throw entityTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw entityTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function sendXml(res: ServerResponse, status: number, body: string): void {
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
  res.writeHead(status, { 'Content-Type': 'application/xml', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function xml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

// ---- multipart/form-data --------------------------------------------------

interface FormPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** Binary-safe multipart/form-data parser over a complete body. */
function parseMultipart(body: Buffer, boundary: string): FormPart[] {
  if (boundary === '' || boundary.length > 200) throw malformedPost();
  const delimiter = Buffer.from(`--${boundary}`);
  const nextDelimiter = Buffer.from(`\r\n--${boundary}`);
  const start = body.indexOf(delimiter);
  if (start === -1) throw malformedPost();
  const parts: FormPart[] = [];
  let at = start + delimiter.length;
  for (;;) {
    if (body[at] === 0x2d && body[at + 1] === 0x2d) return parts;
    while (body[at] === 0x20 || body[at] === 0x09) at++;
    if (body[at] !== 0x0d || body[at + 1] !== 0x0a) throw malformedPost();
    at += 2;
    let dataStart: number;
    let headerText = '';
    if (body[at] === 0x0d && body[at + 1] === 0x0a) {
      dataStart = at + 2;
    } else {
      const headerEnd = body.indexOf('\r\n\r\n', at);
      if (headerEnd === -1) throw malformedPost();
      headerText = body.toString('utf8', at, headerEnd);
      dataStart = headerEnd + 4;
    }
    const end = body.indexOf(nextDelimiter, dataStart);
    if (end === -1) throw malformedPost();
    parts.push({ ...partHeaders(headerText), data: body.subarray(dataStart, end) });
    at = end + nextDelimiter.length;
  }
}

function partHeaders(text: string): Omit<FormPart, 'data'> {
  let disposition = '';
  let contentType: string | undefined;
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-disposition') disposition = value;
    if (name === 'content-type') contentType = value;
  }
  if (!/^form-data\b/i.test(disposition)) throw malformedPost();
  const params = new Map<string, string>();
  for (const match of disposition.matchAll(/;\s*([^=;\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g)) {
    params.set(
      (match[1] ?? '').toLowerCase(),
      match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] ?? '').trim(),
    );
  }
  const name = params.get('name');
  if (name === undefined) throw malformedPost();
  const filename = params.get('filename');
  return {
    name,
    ...(filename === undefined ? {} : { filename }),
    ...(contentType === undefined ? {} : { contentType }),
  };
}

// ---- POST policy ----------------------------------------------------------

function decodePolicy(policy: string): { expiration: string; conditions: unknown[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(policy, 'base64').toString('utf8'));
  } catch {
    throw new S3Error(400, 'InvalidPolicyDocument', 'Invalid Policy: Invalid JSON.');
  }
  const doc = parsed as { expiration?: unknown; conditions?: unknown };
  if (typeof doc?.expiration !== 'string' || !Array.isArray(doc.conditions)) {
    throw new S3Error(400, 'InvalidPolicyDocument', 'Invalid Policy: Policy missing expiration or conditions.');
  }
  return { expiration: doc.expiration, conditions: doc.conditions };
}

/** S3's rules: not expired, every condition holds, and every form field is named by some condition. */
function checkPolicy(
  policy: { expiration: string; conditions: unknown[] },
  fields: Map<string, string>,
  bucket: string,
  fileSize: number,
): void {
  const expiresAt = Date.parse(policy.expiration);
  if (Number.isNaN(expiresAt)) throw new S3Error(400, 'InvalidPolicyDocument', 'Invalid Policy: Invalid expiration.');
  if (Date.now() > expiresAt) throw accessDenied('Invalid according to Policy: Policy expired.');

  const covered = new Set<string>();
  const value = (name: string) => (name === 'bucket' ? bucket : fields.get(name));
  const failed = (condition: unknown) =>
    accessDenied(`Invalid according to Policy: Policy Condition failed: ${JSON.stringify(condition)}`);
  const invalid = () => new S3Error(400, 'InvalidPolicyDocument', 'Invalid Policy: Invalid Condition.');

  for (const condition of policy.conditions) {
    if (Array.isArray(condition)) {
      const [op, first, second] = condition as unknown[];
      const operator = typeof op === 'string' ? op.toLowerCase() : '';
      if (operator === 'content-length-range') {
        const min = Number(first);
        const max = Number(second);
        if (!Number.isFinite(min) || !Number.isFinite(max)) throw invalid();
        if (fileSize < min) {
          throw new S3Error(400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size');
        }
        if (fileSize > max) throw entityTooLarge();
        continue;
      }
      if (
        (operator !== 'eq' && operator !== 'starts-with') ||
        typeof first !== 'string' ||
        typeof second !== 'string'
      ) {
        throw invalid();
      }
      if (!first.startsWith('$')) throw invalid();
      const name = first.slice(1).toLowerCase();
      covered.add(name);
      const actual = value(name);
      const holds = operator === 'eq' ? actual === second : (actual ?? '').startsWith(second);
      if (!holds) throw failed(condition);
      continue;
    }
    if (typeof condition !== 'object' || condition === null) throw invalid();
    const entries = Object.entries(condition);
    const entry = entries[0];
    if (entries.length !== 1 || entry === undefined || typeof entry[1] !== 'string') throw invalid();
    const name = entry[0].toLowerCase();
    covered.add(name);
    if (value(name) !== entry[1]) throw failed(condition);
  }

  for (const name of fields.keys()) {
    if (name === 'policy' || name === 'x-amz-signature' || name.startsWith('x-ignore-')) continue;
    if (!covered.has(name)) throw accessDenied(`Invalid according to Policy: Extra input fields: ${name}`);
  }
}

/** `<Tagging><TagSet><Tag><Key>k</Key><Value>v</Value></Tag>…` as S3 checks it: well-formed, unique keys, at most 10. */
function parseTagging(text: string): Record<string, string> {
  const body = /^\s*(?:<\?xml[^>]*\?>\s*)?<Tagging(?:\s[^>]*)?>\s*<TagSet>([\s\S]*)<\/TagSet>\s*<\/Tagging>\s*$/.exec(
    text,
  );
  if (!body)
    throw new S3Error(
      400,
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema',
    );
  const tags: Record<string, string> = {};
  const rest = (body[1] ?? '').replace(
    /<Tag>\s*<Key>([^<]*)<\/Key>\s*<Value>([^<]*)<\/Value>\s*<\/Tag>/g,
    (_m, k: string, v: string) => {
      if (k in tags) throw new S3Error(400, 'InvalidTag', 'Cannot provide multiple Tags with the same key');
      if (k.length === 0 || k.length > 128 || v.length > 256)
        throw new S3Error(400, 'InvalidTag', 'The TagKey or TagValue you have provided is too long');
      tags[k] = v;
      return '';
    },
  );
  if (rest.trim() !== '')
    throw new S3Error(
      400,
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema',
    );
  if (Object.keys(tags).length > 10) throw new S3Error(400, 'BadRequest', 'Object tags cannot be greater than 10');
  return tags;
}

function checkKey(key: string): void {
  if (key === '') throw new S3Error(400, 'InvalidArgument', 'User key must have a length greater than 0.');
  if (Buffer.byteLength(key) > 1024) throw new S3Error(400, 'KeyTooLongError', 'Your key is too long');
}

// ---- storage --------------------------------------------------------------

function newObject(body: Buffer, contentType: string | undefined, metadata: Record<string, string>): StoredObject {
  return {
    body,
    contentType: contentType ?? 'binary/octet-stream',
    metadata,
    etag: `"${createHash('md5').update(body).digest('hex')}"`,
    lastModified: new Date().toISOString(),
  };
}

function metadataFrom(source: Map<string, string>): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const [name, value] of source) {
    if (name.startsWith('x-amz-meta-')) metadata[name.slice('x-amz-meta-'.length)] = value;
  }
  return metadata;
}

function memoryStorage(): ObjectStorage {
  const objects = new Map<string, StoredObject>();
  return {
    get: async (key) => objects.get(key),
    put: async (key, object) => {
      objects.set(key, object);
    },
    delete: async (key) => {
      objects.delete(key);
    },
  };
}

/**
 * One flat file per object plus `<file>@meta.json` beside it. File names are
 * the URI-encoded key, which never contains `/` or `@`, so keys cannot escape
 * the directory or collide with a metadata file.
 */
async function diskStorage(dir: string): Promise<ObjectStorage> {
  await mkdir(dir, { recursive: true });
  const fileFor = (key: string): string => {
    const encoded = encodeURIComponent(key).replace(/^\./, '%2E');
    const name = encoded.length <= 200 ? encoded : `sha256-${sha256Hex(key)}`;
    return join(dir, name);
  };
  const writeAtomically = async (path: string, data: Buffer | string) => {
    const temporary = `${path}@tmp-${randomBytes(6).toString('hex')}`;
    await writeFile(temporary, data);
    await rename(temporary, path);
  };
  return {
    async get(key) {
      const file = fileFor(key);
      let meta: Omit<StoredObject, 'body'> & { key: string };
      try {
        meta = JSON.parse(await readFile(`${file}@meta.json`, 'utf8'));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
      if (meta.key !== key) return undefined;
      const body = await readFile(file);
      return {
        body,
        contentType: meta.contentType,
        metadata: meta.metadata,
        etag: meta.etag,
        lastModified: meta.lastModified,
        ...(meta.tags ? { tags: meta.tags } : {}),
      };
    },
    async put(key, object) {
      const file = fileFor(key);
      const { body, ...meta } = object;
      await writeAtomically(file, body);
      await writeAtomically(`${file}@meta.json`, JSON.stringify({ key, ...meta }, null, 2));
    },
    async delete(key) {
      const file = fileFor(key);
      await rm(`${file}@meta.json`, { force: true });
      await rm(file, { force: true });
    },
  };
}

// ---- SigV4 primitives -----------------------------------------------------

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function sameHex(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given.toLowerCase());
  return a.length === b.length && timingSafeEqual(a, b);
}

/** RFC 3986 encoding as SigV4 wants it (encodeURIComponent leaves !'()* alone). */
function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `20250101T120000Z` → epoch ms. */
function parseAmzDate(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return undefined;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}
