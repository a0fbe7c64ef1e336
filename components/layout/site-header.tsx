import Link from "next/link";
import { QuorumMark } from "./quorum-mark";
import { ThemeToggle } from "./theme-toggle";

export function SiteHeader() {
  return (
    <header className="border-b border-line bg-surface/80 backdrop-blur supports-[backdrop-filter]:bg-surface/70">
      <div className="mx-auto flex h-14 max-w-5xl items-center gap-6 px-4 sm:px-6">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
          <QuorumMark className="size-6 text-accent" />
          Quorum
        </Link>
        <nav aria-label="Main" className="flex items-center gap-4 text-sm text-muted">
          <Link href="/" className="hover:text-fg">
            Decks
          </Link>
          <Link href="/quiz" className="hover:text-fg">
            Quiz
          </Link>
          <Link href="/settings" className="hover:text-fg">
            Settings
          </Link>
        </nav>
        <div className="ml-auto">
          <ThemeToggle />
        </div>
      </div>
    </header>
  );
}
