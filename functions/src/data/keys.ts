/** Time-sortable, URL-safe ids: 9 chars of time, 8 of randomness. (Every kind's keys are its declaration's: `entity.ts`.) */
export function newId(now: Date = new Date()): string {
  const time = now.getTime().toString(36).padStart(9, '0');
  const random = Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => (b % 36).toString(36)).join('');
  return `${time}${random}`;
}
