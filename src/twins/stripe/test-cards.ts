/**
 * Stripe's documented test cards and PaymentMethod tokens (docs.stripe.com/testing): the
 * numbers and `pm_card_*` tokens agents use, and how each answers a charge. The outcome
 * is read from the stored card (brand and last four), so seeded cards behave the same.
 */
export interface TestCard {
  brand: string;
  last4: string;
  funding: "credit" | "debit" | "prepaid";
  country: string;
}

export interface Decline {
  /** The error `code` (`card_declined`, `expired_card`, `incorrect_cvc`). */
  code: string;
  decline_code: string;
  message: string;
}

const card = (brand: string, last4: string, funding: TestCard["funding"] = "credit", country = "US"): TestCard => ({ brand, last4, funding, country });

/** Test card numbers → the card they make. */
export const TEST_NUMBERS: Record<string, TestCard> = {
  "4242424242424242": card("visa", "4242"),
  "4000056655665556": card("visa", "5556", "debit"),
  "5555555555554444": card("mastercard", "4444"),
  "2223003122003222": card("mastercard", "3222"),
  "5200828282828210": card("mastercard", "8210", "debit"),
  "378282246310005": card("amex", "0005"),
  "6011111111111117": card("discover", "1117"),
  "4000000000000002": card("visa", "0002"),
  "4000000000009995": card("visa", "9995"),
  "4000000000000069": card("visa", "0069"),
  "4000000000000127": card("visa", "0127"),
  "4000000000000259": card("visa", "0259"),
};

/** `pm_card_*` and `tok_*` test tokens → the card number they stand for. */
export const TEST_TOKENS: Record<string, string> = {
  pm_card_visa: "4242424242424242",
  pm_card_visa_debit: "4000056655665556",
  pm_card_mastercard: "5555555555554444",
  pm_card_amex: "378282246310005",
  pm_card_discover: "6011111111111117",
  pm_card_chargeDeclined: "4000000000000002",
  pm_card_chargeDeclinedInsufficientFunds: "4000000000009995",
  pm_card_chargeDeclinedExpiredCard: "4000000000000069",
  pm_card_chargeDeclinedIncorrectCvc: "4000000000000127",
  pm_card_createDispute: "4000000000000259",
  tok_visa: "4242424242424242",
  tok_mastercard: "5555555555554444",
  tok_amex: "378282246310005",
  tok_chargeDeclined: "4000000000000002",
  tok_chargeDeclinedInsufficientFunds: "4000000000009995",
  tok_chargeDeclinedExpiredCard: "4000000000000069",
  tok_chargeDeclinedIncorrectCvc: "4000000000000127",
  tok_createDispute: "4000000000000259",
};

const DECLINES: Record<string, Decline> = {
  "visa/0002": { code: "card_declined", decline_code: "generic_decline", message: "Your card was declined." },
  "visa/9995": { code: "card_declined", decline_code: "insufficient_funds", message: "Your card has insufficient funds." },
  "visa/0069": { code: "expired_card", decline_code: "expired_card", message: "Your card has expired." },
  "visa/0127": { code: "incorrect_cvc", decline_code: "incorrect_cvc", message: "Your card's security code is incorrect." },
};

/** How a charge on this card ends: null for approved. */
export function declineOf(c: { brand: string; last4: string }): Decline | null {
  return DECLINES[`${c.brand}/${c.last4}`] ?? null;
}

/** Cards whose charges are disputed once captured → the dispute's reason. */
const DISPUTED: Record<string, string> = { "visa/0259": "fraudulent" };

/** The reason the bank disputes a charge on this card; null for a card that is never disputed. */
export function disputeReasonOf(c: { brand: string; last4: string }): string | null {
  return DISPUTED[`${c.brand}/${c.last4}`] ?? null;
}

/** Luhn check, as Stripe runs it before accepting a number. */
export function luhnValid(number: string): boolean {
  if (!/^\d{12,19}$/.test(number)) return false;
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let d = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** A number that is not a documented test card: brand from its prefix. */
export function cardOfNumber(number: string): TestCard {
  const known = TEST_NUMBERS[number];
  if (known) return known;
  const brand = /^4/.test(number) ? "visa" : /^(5[1-5]|2[2-7])/.test(number) ? "mastercard" : /^3[47]/.test(number) ? "amex" : /^6(011|5)/.test(number) ? "discover" : "unknown";
  return card(brand, number.slice(-4));
}
