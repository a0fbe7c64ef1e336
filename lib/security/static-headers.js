// Security headers that never change, on every response the server sends: pages, API routes,
// errors, 404s and static files alike (next.config.js `headers()` applies them to `/:path*`).
// The Content-Security-Policy is not here: it carries a per-request nonce, so proxy.ts sets it
// (lib/security/content-security-policy.ts). Plain JavaScript because next.config.js, which
// Node loads without TypeScript, imports it.

/** Browser features Quorum never uses, denied to the page and anything it could embed. */
const deniedFeatures = [
  "accelerometer",
  "autoplay",
  "bluetooth",
  "browsing-topics",
  "camera",
  "display-capture",
  "geolocation",
  "gyroscope",
  "hid",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "publickey-credentials-get",
  "screen-wake-lock",
  "serial",
  "usb",
];

/** @type {{ key: string; value: string }[]} */
export const staticSecurityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: deniedFeatures.map((feature) => `${feature}=()`).join(", ") },
];
