import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";
import { AccountMenu } from "./account-menu";
import { QuorumMark } from "./quorum-mark";
import { ThemeToggle } from "./theme-toggle";

// On a phone the logo is the way home, so "Decks" gives its room to the others.
const links = [
  { href: "/", label: "Decks", isHiddenOnPhone: true },
  { href: "/browse", label: "Browse" },
  { href: "/quiz", label: "Quiz" },
  { href: "/sim", label: "Simulations", short: "Sims" },
  { href: "/progress", label: "Progress" },
];

export async function SiteHeader() {
  const user = await getCurrentUser();
  return (
    <header className="border-b border-line bg-surface/80 backdrop-blur supports-[backdrop-filter]:bg-surface/70">
      <div className="mx-auto flex h-14 max-w-5xl items-center gap-3 px-4 sm:gap-6 sm:px-6">
        <Link href="/" className="flex shrink-0 items-center gap-2 font-semibold tracking-tight">
          <QuorumMark className="size-6 text-accent" />
          <span className="max-[420px]:sr-only">Quorum</span>
        </Link>
        <nav
          aria-label="Main"
          className={
            "-mx-1 flex min-w-0 items-center gap-3 overflow-x-auto " +
            "px-1 text-sm whitespace-nowrap text-muted sm:gap-4"
          }
        >
          {links.map((link) => (
            <Link
              key={link.href}
              href={link.href}
              className={`hover:text-fg ${link.isHiddenOnPhone ? "max-sm:hidden" : ""}`}
            >
              {link.short ? (
                <>
                  <span className="sm:hidden">{link.short}</span>
                  <span className="hidden sm:inline">{link.label}</span>
                </>
              ) : (
                link.label
              )}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex shrink-0 items-center gap-1">
          <ThemeToggle />
          <AccountMenu user={user} />
        </div>
      </div>
    </header>
  );
}
