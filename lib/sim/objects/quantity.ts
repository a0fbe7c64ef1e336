// Kubernetes resource.Quantity, parsed exactly as apimachinery's ParseQuantity does
// (staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go): a signed decimal number with an
// optional SI (`m`, `k`, `M`, `G`…), binary (`Ki`, `Mi`, `Gi`…) or exponent (`e3`, `E-2`) suffix,
// rounded up to nano-units. BigInt keeps the arithmetic exact; results leave as safe integers.

const DECIMAL_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const SHAPE = /^([+-]?)([0-9]*)(?:\.([0-9]*))?([eEinumkKMGTP]*[-+]?[0-9]*)$/;
const EXPONENT = /^[eE][-+]?[0-9]+$/;
const NANO_PER_UNIT = 1_000_000_000n;
const NANO_PER_MILLI = 1_000_000n;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** A parsed quantity: its exact value in nano-units (10^-9), rounded away from zero like upstream. */
type Quantity = { nano: bigint };

type QuantityResult = { ok: true; quantity: Quantity } | { ok: false; message: string };

function ceilDiv(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  // BigInt division truncates toward zero; round away from zero as Quantity.RoundUp does.
  if (quotient * denominator === numerator) return quotient;
  return numerator > 0n ? quotient + 1n : quotient - 1n;
}

/**
 * Parses a quantity string ("500m", "2", "1Gi", "4000", "1e3", "100M"). Pure.
 * The format error quotes upstream's regular expression so the message matches the API server's.
 */
export function parseQuantity(text: string): QuantityResult {
  const match = SHAPE.exec(text);
  const [, sign = "", whole = "", fraction = "", suffix = ""] = match ?? [];
  if (!match || whole.length + fraction.length === 0) {
    return {
      ok: false,
      message: `quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    };
  }
  let mantissa = BigInt(whole + fraction || "0");
  let scale = -fraction.length;
  if (suffix in DECIMAL_SUFFIX) scale += DECIMAL_SUFFIX[suffix] ?? 0;
  else if (suffix in BINARY_SUFFIX) mantissa *= 1n << BigInt(BINARY_SUFFIX[suffix] ?? 0);
  else if (EXPONENT.test(suffix)) scale += Number(suffix.slice(1));
  else return { ok: false, message: "unable to parse quantity's suffix" };
  const shift = scale + 9;
  let nano = shift >= 0 ? mantissa * 10n ** BigInt(shift) : ceilDiv(mantissa, 10n ** BigInt(-shift));
  if (sign === "-") nano = -nano;
  return { ok: true, quantity: { nano } };
}

/** Memo of validated quantities: a pod template's few strings are parsed once, not once per pod. */
const parsedQuantities = new Map<string, Quantity>();
const MEMO_LIMIT = 10_000;

/** Like parseQuantity but throws; for values already validated at the input boundary. Pure (memoised). */
export function mustParseQuantity(text: string): Quantity {
  const cached = parsedQuantities.get(text);
  if (cached) return cached;
  const result = parseQuantity(text);
  if (!result.ok) throw new Error(`invalid quantity "${text}": ${result.message}`);
  if (parsedQuantities.size < MEMO_LIMIT) parsedQuantities.set(text, result.quantity);
  return result.quantity;
}

function toSafeNumber(value: bigint, what: string): number {
  if (value > MAX_SAFE || value < -MAX_SAFE)
    throw new Error(`${what} ${value} exceeds 2^53-1, the simulator's exact integer range`);
  return Number(value);
}

/** Quantity.MilliValue(): the value in milli-units, rounded up. Used for cpu. */
export function milliValue(nano: bigint): number {
  return toSafeNumber(ceilDiv(nano, NANO_PER_MILLI), "milli-value");
}

/** Quantity.Value(): the value in units (bytes, count), rounded up. Used for everything but cpu. */
export function unitValue(nano: bigint): number {
  return toSafeNumber(ceilDiv(nano, NANO_PER_UNIT), "value");
}

/** Whether the quantity fits the simulator's exact range once scaled for the given resource. */
export function isQuantityInRange(nano: bigint, resource: string): boolean {
  const scaled = resource === "cpu" ? ceilDiv(nano, NANO_PER_MILLI) : ceilDiv(nano, NANO_PER_UNIT);
  return scaled <= MAX_SAFE && scaled >= -MAX_SAFE;
}
