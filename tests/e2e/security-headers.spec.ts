// Every page runs under a strict nonce-based CSP with the security headers, with no
// violation and working hydration; API routes, errors and static files carry the headers too.
import { readdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { newAccount, signUp } from "./auth-helpers";
import {
  expectHydrated,
  expectStaticSecurityHeaders,
  expectStrictSecurityHeaders,
  policyNonce,
  storeDarkTheme,
  watchPolicyViolations,
} from "./security-helpers";
import { answerWithKeyboard, firstDeck } from "./study-helpers";

type Visit = { url: string; status?: number; interact?: (page: Page) => Promise<void> };

const replay = async (page: Page) => {
  await page.getByRole("button", { name: "Play", exact: true }).click();
  await expect(page.getByRole("button", { name: "Pause", exact: true })).toBeVisible();
};
const answerCard = async (page: Page) => void (await answerWithKeyboard(page));

/** Every app/**\/page.tsx, and how the test reaches it. `{quizId}` is a quiz this test starts. */
const pages: Record<string, Visit> = {
  "page.tsx": { url: "/" },
  "(auth)/login/page.tsx": { url: "/login" },
  "(auth)/signup/page.tsx": { url: "/signup" },
  "(auth)/forgot-password/page.tsx": { url: "/forgot-password" },
  "(auth)/reset-password/page.tsx": { url: "/reset-password?token=not-a-real-token" },
  "account/page.tsx": { url: "/account" },
  // Served only to the replay benchmark (QUORUM_BENCH_ROUTES=1); here it is the not-found page.
  "bench/replay/page.tsx": { url: "/bench/replay", status: 404 },
  "browse/page.tsx": { url: "/browse?q=etcd&state=new" },
  "browse/decks/page.tsx": { url: "/browse/decks" },
  "browse/study/page.tsx": { url: "/browse/study?cards=etcd-down-what-happens&since=1", interact: answerCard },
  "cards/[cardId]/page.tsx": { url: "/cards/etcd-down-what-happens" },
  // A content card is read-only: its edit page is the not-found page, with the same headers.
  "cards/[cardId]/edit/page.tsx": { url: "/cards/etcd-down-what-happens/edit", status: 404 },
  "cards/new/page.tsx": { url: "/cards/new" },
  "progress/page.tsx": { url: "/progress" },
  "quiz/page.tsx": { url: "/quiz" },
  "quiz/[quizId]/page.tsx": { url: "/quiz/{quizId}", interact: answerCard },
  "quiz/[quizId]/report/page.tsx": { url: "/quiz/{quizId}/report" },
  "settings/page.tsx": { url: "/settings" },
  "sim/page.tsx": { url: "/sim" },
  "sim/[scenario]/page.tsx": { url: "/sim/etcd-quorum-loss", interact: replay },
  "sim/scheduler/page.tsx": {
    url: "/sim/scheduler",
    interact: async (page) => {
      await page.getByRole("button", { name: "Schedule", exact: true }).click();
      await expect(
        page.getByRole("heading", { level: 2 }).filter({ hasText: /^(Scheduled on|Pending)/ }),
      ).toBeVisible();
    },
  },
  "study/[deckId]/page.tsx": { url: `/study/${firstDeck.id}`, interact: answerCard },
};

async function startQuiz(page: Page): Promise<string> {
  await page.goto("/quiz");
  await page.getByRole("checkbox", { name: new RegExp(`^${firstDeck.title}`) }).check();
  await page.getByLabel("Questions").fill("2");
  await page.getByRole("button", { name: /^Start/ }).click();
  await expect(page).toHaveURL(/\/quiz\/[^/]+$/);
  return page.url().split("/").at(-1)!;
}

/** Opens the page, then checks its headers, its hydration, its own interaction and that the CSP blocked nothing. */
async function checkPage(page: Page, readViolations: () => Promise<string[]>, visit: Visit) {
  const response = await page.goto(visit.url);
  expect(response!.status(), visit.url).toBe(visit.status ?? 200);
  expectStrictSecurityHeaders(await response!.allHeaders());
  await expectHydrated(page);
  await visit.interact?.(page);
  expect(await readViolations(), visit.url).toEqual([]);
}

test("the test visits every page of the app", () => {
  const files = readdirSync("app", { recursive: true, encoding: "utf8" }).filter(
    (file) => path.basename(file) === "page.tsx",
  );
  expect(files.sort()).toEqual(Object.keys(pages).sort());
});

test("every page runs under the strict CSP with no violation, and hydrates", async ({ page }) => {
  const readViolations = await watchPolicyViolations(page);
  await storeDarkTheme(page);
  const quizId = await startQuiz(page);
  for (const visit of Object.values(pages))
    await checkPage(page, readViolations, { ...visit, url: visit.url.replace("{quizId}", quizId) });
});

test("a signed-in learner's pages run under the CSP too", async ({ page }) => {
  const readViolations = await watchPolicyViolations(page);
  await storeDarkTheme(page);
  await signUp(page, newAccount());
  for (const file of [
    "page.tsx",
    "account/page.tsx",
    "settings/page.tsx",
    "progress/page.tsx",
    "study/[deckId]/page.tsx",
  ])
    await checkPage(page, readViolations, pages[file]!);
});

test("API routes, errors, 404s and static files carry the headers; every script carries this response's nonce", async ({
  request,
}) => {
  for (const url of [
    "/api/sim/etcd-quorum-loss",
    "/api/auth/session",
    "/api/schedule",
    "/api/export/nothing",
    "/no-such-page",
    "/sim/no-such-scenario",
  ]) {
    const response = await request.get(url);
    expect(response.status(), url).toBeLessThan(500);
    expectStrictSecurityHeaders(response.headers());
  }
  const home = await request.get("/");
  const html = await home.text();
  const nonce = policyNonce(home.headers()["content-security-policy"]);
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(3);
  for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
  expect(policyNonce((await request.get("/")).headers()["content-security-policy"])).not.toBe(nonce);

  const stylesheet = /href="(\/_next\/static\/[^"]+\.css)"/.exec(html)?.[1];
  const scriptFile = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
  for (const file of [stylesheet, scriptFile]) {
    expect(file).toBeDefined();
    const response = await request.get(file!);
    expect(response.status()).toBe(200);
    expectStaticSecurityHeaders(response.headers());
  }
});
