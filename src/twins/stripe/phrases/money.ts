/**
 * Amounts as criteria write them: Stripe's minor units (`20000`), or as people do (`$200`,
 * `$75.50`, `200.00 USD`, `200 dollars`, `75 cents`). A bare integer is minor units, as
 * in Stripe's API; anything with a currency sign or word is major units.
 */
import { PhraseError } from "../../../criteria/index.js";

/** Regex source for the `amount` slot (tokens as the criteria tokenizer writes them: `$ 75.50`). */
export const AMOUNT_SOURCE =
  "(?:(?:\\$|€|£) \\d+(?:\\.\\d{1,2})?(?: (?:usd|eur|gbp))?|\\d+(?:\\.\\d{1,2})? (?:usd|eur|gbp|cad|aud|jpy|dollars?|euros?|pounds?|cents)|\\d+)";

const SYMBOLS: Record<string, string> = { $: "usd", "€": "eur", "£": "gbp" };
const WORDS: Record<string, string> = { dollar: "usd", dollars: "usd", euro: "eur", euros: "eur", pound: "gbp", pounds: "gbp" };
/** Currencies without a minor unit (Stripe's zero-decimal list, the common ones). */
const ZERO_DECIMAL = new Set(["jpy", "krw", "vnd", "clp", "pyg", "ugx", "xaf", "xof", "bif", "djf", "gnf", "kmf", "mga", "rwf", "vuv", "xpf"]);

export interface Amount {
  /** Minor units, as Stripe stores amounts. */
  minor: number;
  /** The currency the sentence named, if it named one. */
  currency?: string;
  /** How the sentence wrote it, for verdicts. */
  written: string;
}

export function parseAmount(text: string): Amount {
  const written = text.trim();
  const parts = written.toLowerCase().split(" ");
  let currency: string | undefined;
  let number: string;
  if (SYMBOLS[parts[0]]) {
    currency = SYMBOLS[parts[0]];
    number = parts[1];
    if (parts[2]) currency = parts[2];
  } else if (parts.length === 1) {
    if (!/^\d+$/.test(parts[0])) throw new PhraseError(`\`${written}\`: an amount without a currency is in minor units (cents) and must be a whole number`);
    return { minor: Number(parts[0]), written };
  } else {
    number = parts[0];
    if (parts[1] === "cents") return { minor: Math.round(Number(number)), currency: undefined, written };
    currency = WORDS[parts[1]] ?? parts[1];
  }
  const major = Number(number);
  const minor = ZERO_DECIMAL.has(currency) ? major : Math.round(major * 100);
  if (!Number.isFinite(minor)) throw new PhraseError(`\`${written}\` is not an amount`);
  return { minor, currency, written };
}

/** `$75.00` for USD, `7,500 JPY` style otherwise: what verdicts show next to Stripe's number. */
export function formatAmount(minor: number, currency: string): string {
  const code = currency.toLowerCase();
  if (ZERO_DECIMAL.has(code)) return `${minor} ${code.toUpperCase()}`;
  const major = (minor / 100).toFixed(2);
  return code === "usd" ? `$${major}` : `${major} ${code.toUpperCase()}`;
}
