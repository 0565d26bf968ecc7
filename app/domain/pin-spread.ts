// Map pins that never cover each other: labelled pins (a number and a market's name) are boxes
// on the screen, pushed apart until none overlaps, each as little as it takes. The map draws a
// thin line from a moved pin to the place it stands for.

/** A pin's box on the screen: its centre and size, in pixels. */
export interface PinBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** How far two boxes overlap along each axis, gap included; ≤ 0 on either: apart. */
function overlap(a: PinBox, b: PinBox, gap: number) {
  return {
    x: (a.w + b.w) / 2 + gap - Math.abs(a.x - b.x),
    y: (a.h + b.h) / 2 + gap - Math.abs(a.y - b.y),
  };
}

export function overlaps(a: PinBox, b: PinBox, gap = 0): boolean {
  const o = overlap(a, b, gap);
  return o.x > 0 && o.y > 0;
}

/**
 * The boxes moved apart: each overlapping pair is pushed along the axis where it overlaps
 * least, half each way, until nothing overlaps (or `rounds` passes). Deterministic: ties are
 * broken by order, so the same map always looks the same.
 */
export function spreadPins(
  boxes: PinBox[],
  {
    gap = 4,
    rounds = 200,
    within,
  }: { gap?: number; rounds?: number; within?: { width: number; height: number } } = {},
): PinBox[] {
  const out = boxes.map((b) => ({ ...b }));
  // Kept inside the map, so that a label at its edge is not cut off.
  const clamp = (b: PinBox) => {
    if (!within) return;
    b.x = Math.min(
      Math.max(b.x, b.w / 2 + gap),
      Math.max(b.w / 2 + gap, within.width - b.w / 2 - gap),
    );
    b.y = Math.min(
      Math.max(b.y, b.h / 2 + gap),
      Math.max(b.h / 2 + gap, within.height - b.h / 2 - gap),
    );
  };
  out.forEach(clamp);
  for (let round = 0; round < rounds; round++) {
    let moved = false;
    for (let i = 0; i < out.length; i++)
      for (let j = i + 1; j < out.length; j++) {
        const a = out[i]!;
        const b = out[j]!;
        const o = overlap(a, b, gap);
        if (o.x <= 0 || o.y <= 0) continue;
        moved = true;
        if (o.y <= o.x) {
          const push = o.y / 2 + 0.5;
          const down = b.y > a.y || (b.y === a.y && j > i);
          a.y += down ? -push : push;
          b.y += down ? push : -push;
        } else {
          const push = o.x / 2 + 0.5;
          const right = b.x > a.x || (b.x === a.x && j > i);
          a.x += right ? -push : push;
          b.x += right ? push : -push;
        }
        clamp(a);
        clamp(b);
      }
    if (!moved) break;
  }
  return out;
}

/** A label's width on screen, near enough to keep labels apart: CJK wide, Latin narrow. */
export function labelWidth(text: string, fontPx = 13): number {
  let width = 0;
  for (const ch of text) width += /[\u2E80-\uFFEF]/.test(ch) ? fontPx : fontPx * 0.58;
  return Math.ceil(width);
}
