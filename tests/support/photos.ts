import { api } from './api.js';

/** A 1×1 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** Uploads one photo the way the app does (ticket, then a presigned POST) and returns its key. */
export async function uploadPhoto(
  token: string,
  communityId: string,
  purpose: 'feedback' | 'proof' | 'reward' | 'bulletin',
  bytes = PNG,
) {
  const ticket = await api('POST /v1/uploads', {
    token,
    body: { communityId, purpose, contentType: 'image/png', size: bytes.length },
  });
  const form = new FormData();
  for (const [name, value] of Object.entries(ticket.fields)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'photo.png');
  const upload = await fetch(ticket.url, { method: 'POST', body: form });
  if (upload.status !== 204) throw new Error(`upload failed: ${upload.status}`);
  return ticket.key;
}

/** Uploads one picture for a street bulletin, as the street editor does (`POST /v1/streets/{streetId}/uploads`). */
export async function uploadStreetPhoto(token: string, streetId: string, bytes = PNG) {
  const ticket = await api('POST /v1/streets/{streetId}/uploads', {
    token,
    params: { streetId },
    body: { contentType: 'image/png', size: bytes.length },
  });
  const form = new FormData();
  for (const [name, value] of Object.entries(ticket.fields)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'photo.png');
  const upload = await fetch(ticket.url, { method: 'POST', body: form });
  if (upload.status !== 204) throw new Error(`upload failed: ${upload.status}`);
  return ticket.key;
}
