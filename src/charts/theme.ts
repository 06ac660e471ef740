/**
 * Colours and type sizes shared by every chart and the HTML report.
 */

/** Text, axis and background colours. */
export const INK = {
  text: '#1f2933',
  muted: '#52606d',
  faint: '#7b8794',
  axis: '#9aa5b1',
  grid: '#e4e7eb',
  empty: '#f0f2f4',
  background: '#ffffff',
} as const;

/** Type sizes in pixels. */
export const TYPE = { title: 16, subtitle: 12, label: 12, tick: 11, small: 10 } as const;

/** Categorical colours (Tableau 10), used in order for categories without a colour of their own. */
export const PALETTE: readonly string[] = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/** The colour for category i of a chart without named colours. */
export function paletteColor(i: number): string {
  return PALETTE[i % PALETTE.length]!;
}

/** Stops of the sequential ramp of heat maps (light yellow → green → dark blue). */
export const SEQUENTIAL: readonly string[] = ['#ffffd9', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#0c2c84'];

/** The colour at t in [0, 1] of a ramp of hex stops, interpolated in RGB. */
export function rampColor(t: number, stops: readonly string[] = SEQUENTIAL): string {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const a = hexToRgb(stops[i]!);
  const b = hexToRgb(stops[i + 1]!);
  const f = x - i;
  return rgbToHex(a.map((v, k) => v + (b[k]! - v) * f) as [number, number, number]);
}

/** Dark or white text, whichever reads better on the background. */
export function textOn(background: string): string {
  const [r, g, b] = hexToRgb(background).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.35 ? INK.text : '#ffffff';
}

function hexToRgb(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (m === null) throw new Error(`not a #rrggbb colour: ${hex}`);
  const v = parseInt(m[1]!, 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

function rgbToHex(rgb: readonly [number, number, number]): string {
  return `#${rgb.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
}
