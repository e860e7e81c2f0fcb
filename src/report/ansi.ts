/** Terminal colours, applied only when the caller asks (a TTY that wants them). */

export interface Palette {
  green(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  magenta(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const sgr = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

const COLOURED: Palette = {
  green: sgr(32, 39),
  red: sgr(31, 39),
  yellow: sgr(33, 39),
  magenta: sgr(35, 39),
  dim: sgr(2, 22),
  bold: sgr(1, 22),
};

const same = (s: string) => s;
const PLAIN: Palette = { green: same, red: same, yellow: same, magenta: same, dim: same, bold: same };

export function palette(color: boolean): Palette {
  return color ? COLOURED : PLAIN;
}
