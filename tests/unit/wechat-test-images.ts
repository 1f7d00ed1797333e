/**
 * Image and audio files small enough to write by hand: only the headers the
 * WeChat stand-in reads (PNG IHDR, JPEG SOF, GIF, BMP, the three WebP kinds),
 * then whatever bytes a test wants after them (the risky marker, padding).
 */

const u16be = (n: number) => Buffer.from([(n >> 8) & 0xff, n & 0xff]);
const u32be = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const u16le = (n: number) => Buffer.from([n & 0xff, (n >> 8) & 0xff]);
const u24le = (n: number) => Buffer.from([n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff]);
const u32le = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};
const ascii = (text: string) => Buffer.from(text, 'latin1');
const tail = (extra: string | Buffer = '') => (typeof extra === 'string' ? ascii(extra) : extra);

export function png(width: number, height: number, extra: string | Buffer = ''): Buffer {
  const ihdr = Buffer.concat([u32be(width), u32be(height), Buffer.from([8, 2, 0, 0, 0])]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    u32be(13),
    ascii('IHDR'),
    ihdr,
    Buffer.alloc(4), // CRC, not read
    tail(extra),
  ]);
}

/** A JPEG with an APP0 segment before the baseline frame header, as cameras write them. */
export function jpeg(width: number, height: number, extra: string | Buffer = ''): Buffer {
  const app0 = Buffer.concat([Buffer.from([0xff, 0xe0]), u16be(16), ascii('JFIF\0'), Buffer.alloc(9)]);
  const sof0 = Buffer.concat([
    Buffer.from([0xff, 0xc0]),
    u16be(17),
    Buffer.from([8]),
    u16be(height),
    u16be(width),
    Buffer.from([3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]),
  ]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof0, tail(extra), Buffer.from([0xff, 0xd9])]);
}

export function gif(width: number, height: number, extra: string | Buffer = ''): Buffer {
  return Buffer.concat([ascii('GIF89a'), u16le(width), u16le(height), Buffer.from([0, 0, 0]), tail(extra)]);
}

export function bmp(width: number, height: number, extra: string | Buffer = ''): Buffer {
  return Buffer.concat([
    ascii('BM'),
    u32le(0),
    u32le(0),
    u32le(54),
    u32le(40),
    u32le(width),
    u32le(height),
    tail(extra),
  ]);
}

function riff(chunk: string, payload: Buffer, extra: string | Buffer): Buffer {
  const body = Buffer.concat([ascii('WEBP'), ascii(chunk), u32le(payload.length), payload, tail(extra)]);
  return Buffer.concat([ascii('RIFF'), u32le(body.length), body]);
}

/** Lossy WebP (`VP8 `). */
export function webp(width: number, height: number, extra: string | Buffer = ''): Buffer {
  return riff('VP8 ', Buffer.concat([Buffer.from([0, 0, 0, 0x9d, 0x01, 0x2a]), u16le(width), u16le(height)]), extra);
}

/** Lossless WebP (`VP8L`). */
export function webpLossless(width: number, height: number, extra: string | Buffer = ''): Buffer {
  const bits = ((width - 1) & 0x3fff) | (((height - 1) & 0x3fff) << 14);
  return riff('VP8L', Buffer.concat([Buffer.from([0x2f]), u32le(bits >>> 0)]), extra);
}

/** Extended WebP (`VP8X`). */
export function webpExtended(width: number, height: number, extra: string | Buffer = ''): Buffer {
  return riff('VP8X', Buffer.concat([Buffer.alloc(4), u24le(width - 1), u24le(height - 1)]), extra);
}

/** An mp3 that starts with an ID3 tag. */
export function mp3(extra: string | Buffer = ''): Buffer {
  return Buffer.concat([ascii('ID3'), Buffer.from([4, 0, 0, 0, 0, 0, 0]), tail(extra)]);
}
