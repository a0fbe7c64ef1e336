import { expect, type Page } from "@playwright/test";

let counter = 0;

/** A fresh email for this run, and a password zxcvbn accepts. */
export function newAccount() {
  counter++;
  return {
    email: `learner-${Date.now()}-${process.pid}-${counter}@example.com`,
    password: "orbit lantern cobalt meadow 42",
  };
}

export async function signUp(page: Page, account: { email: string; password: string }) {
  await page.goto("/signup");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("button", { name: /^Account:/ })).toBeVisible({ timeout: 20_000 });
}

export async function signIn(page: Page, account: { email: string; password: string }) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: /^Account:/ })).toBeVisible({ timeout: 20_000 });
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: /^Account:/ }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
}
