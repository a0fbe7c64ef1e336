import Link from "next/link";

export default function NotFound() {
  return (
    <section className="mx-auto max-w-xl space-y-3 py-16 text-center">
      <h1 className="text-xl font-semibold">Not found</h1>
      <p className="text-muted">There is nothing at this address. The deck or card may have been renamed or retired.</p>
      <Link href="/" className="inline-block rounded-md bg-accent px-4 py-2 text-sm font-medium text-accent-fg">
        Back to decks
      </Link>
    </section>
  );
}
