import { Suspense } from "react";
import type { Metadata, Viewport } from "next";
import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import { ThemeProvider } from "next-themes";
import { headers } from "next/headers";
import { MergeNotice } from "@/components/account/merge-notice";
import { HydrationMark } from "@/components/layout/hydration-mark";
import { SiteHeader } from "@/components/layout/site-header";
import { ShortcutOverlay } from "@/components/ui/shortcut-overlay";
import { ToastProvider } from "@/components/ui/toast-provider";
import { NavigationProgress } from "@/components/layout/navigation-progress";
import { TimeZoneDetector } from "@/components/learner/time-zone-detector";
import { peekLearnerId } from "@/lib/data/learners";
import { storedTimeZoneStatus } from "@/lib/data/settings";
import { nonceHeaderName } from "@/lib/security/content-security-policy";
import { reportTimeZone } from "./actions";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Quorum — Kubernetes interview practice", template: "%s · Quorum" },
  description:
    "Practise Kubernetes interview questions with spaced repetition, " +
    "every answer backed by a replayable cluster simulation.",
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f7f8fa" },
    { media: "(prefers-color-scheme: dark)", color: "#0d1015" },
  ],
};

// Reading the request's CSP nonce makes every page render per request, which a nonce needs
// (Next's CSP guide); next-themes' inline script must carry it or the CSP blocks it.
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const nonce = (await headers()).get(nonceHeaderName) ?? undefined;
  const learnerId = await peekLearnerId();
  const timeZone = learnerId === null ? "stored" : await storedTimeZoneStatus(learnerId);
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`} suppressHydrationWarning>
      <body className="min-h-dvh font-sans text-[15px] antialiased">
        <ThemeProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange nonce={nonce}>
          <a
            href="#main"
            className={
              "sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 " +
              "focus:rounded focus:bg-surface focus:px-3 focus:py-2"
            }
          >
            Skip to content
          </a>
          <ToastProvider>
            <Suspense fallback={null}>
              <NavigationProgress />
            </Suspense>
            <SiteHeader />
            <main id="main" className="mx-auto w-full max-w-5xl px-4 pb-16 pt-6 sm:px-6">
              <MergeNotice />
              {timeZone === "stored" ? null : (
                <TimeZoneDetector reportTimeZone={timeZone === "unset" ? reportTimeZone : undefined} />
              )}
              {children}
            </main>
            <ShortcutOverlay />
            <HydrationMark />
          </ToastProvider>
        </ThemeProvider>
      </body>
    </html>
  );
}
