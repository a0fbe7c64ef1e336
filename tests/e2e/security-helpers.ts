import { expect, type Page } from "@playwright/test";

// What every response must carry, and how a page reports a CSP violation to the test.

/** The CSP's directives by name, each with its sources. */
function parsePolicy(policy: string | undefined): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const directive of (policy ?? "").split(";")) {
    const [name, ...sources] = directive.trim().split(/\s+/);
    if (name) directives.set(name, sources);
  }
  return directives;
}

/** The nonce the policy allows scripts by; fails when there is none. */
export function policyNonce(policy: string | undefined): string {
  const source = parsePolicy(policy)
    .get("script-src")
    ?.find((s) => s.startsWith("'nonce-"));
  expect(source, "script-src has a nonce").toBeDefined();
  return source!.slice("'nonce-".length, -1);
}

/** nosniff, referrer, framing and feature headers: on every response, static files included. */
export function expectStaticSecurityHeaders(headers: Record<string, string>) {
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"])
    expect(headers["permissions-policy"]).toContain(`${feature}=()`);
}

/** The static headers plus a strict, nonce-based CSP: on every page, API route and error. */
export function expectStrictSecurityHeaders(headers: Record<string, string>) {
  expectStaticSecurityHeaders(headers);
  const policy = parsePolicy(headers["content-security-policy"]);
  const scripts = policy.get("script-src") ?? [];
  expect(scripts).toEqual(["'self'", `'nonce-${policyNonce(headers["content-security-policy"])}'`, "'strict-dynamic'"]);
  expect(policy.get("default-src")).toEqual(["'self'"]);
  expect(policy.get("style-src")?.some((source) => source === "'unsafe-inline'")).toBe(false);
  expect(policy.get("img-src")).toEqual(["'self'", "data:"]);
  expect(policy.get("object-src")).toEqual(["'none'"]);
  expect(policy.get("base-uri")).toEqual(["'none'"]);
  expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
  expect(policy.get("form-action")).toEqual(["'self'"]);
}

type Violation = { directive: string; blocked: string; sample: string };

/**
 * Records every `securitypolicyviolation` event (from before the page's first script) and every
 * console error that names the Content Security Policy, for this page's whole life.
 */
export async function watchPolicyViolations(page: Page): Promise<() => Promise<string[]>> {
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content.Security.Policy/i.test(message.text()))
      consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(`page error: ${error.message}`));
  await page.addInitScript(() => {
    const violations: Violation[] = [];
    (window as unknown as { __policyViolations: Violation[] }).__policyViolations = violations;
    document.addEventListener("securitypolicyviolation", (event) =>
      violations.push({ directive: event.violatedDirective, blocked: event.blockedURI, sample: event.sample }),
    );
  });
  return async () => {
    const events = await page.evaluate(
      () => (window as unknown as { __policyViolations?: Violation[] }).__policyViolations ?? [],
    );
    return [...events.map((v) => `${v.directive} blocked ${v.blocked} ${v.sample}`), ...consoleErrors];
  };
}

/** Every page of this test starts with the dark theme stored, as a returning learner's would be. */
export async function storeDarkTheme(page: Page) {
  await page.addInitScript(() => localStorage.setItem("theme", "dark"));
}

/**
 * Hydration works: the header's theme toggle (a client component) renders "system" until it has
 * mounted, then the stored "dark"; clicking it moves on to "system" (light in this browser).
 */
export async function expectHydrated(page: Page) {
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await page.getByRole("button", { name: /^Theme: dark\. Switch to system\./ }).click();
  await expect(page.getByRole("button", { name: /^Theme: system\. Switch to light\./ })).toBeVisible();
  await expect(page.locator("html")).toHaveClass(/\blight\b/);
  // keys now go to the page, not the toggle
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}
