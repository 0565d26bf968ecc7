// A stall's card (一摊一码): printed once per stall, it names the stall by its market and its
// code, so it stays right across layout versions as long as the stall keeps its code, whoever
// books it from one session to the next.

/** Stall codes as layouts write them: letters (any script), digits and dashes. */
const CODE = /^[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*$/u;

/** The card's id in its address (`/s/<id>`): the market's number and the stall's code. */
export function stallCardId(zoneId: number, code: string): string {
  return `${zoneId}-${code}`;
}

export function parseStallCardId(id: string): { zoneId: number; code: string } | null {
  const match = /^(\d{1,9})-(.{1,20})$/u.exec(id);
  if (!match || !CODE.test(match[2]!)) return null;
  return { zoneId: Number(match[1]), code: match[2]! };
}

/** Paper sizes a sheet of cards is printed in: how many to an A4 page, across and down. */
export const CARD_SIZES = {
  a6: { across: 2, down: 2 },
  a7: { across: 2, down: 4 },
} as const;
export type CardSize = keyof typeof CARD_SIZES;
