import Link from "next/link";
import { InlineMarkdown } from "@/components/ui/inline-markdown";
import { listScenarios } from "@/lib/sim";
import { UnknownScenarioName } from "./_components/unknown-scenario-name";

/** /sim/<unknown>: HTTP 404, with every scenario the simulation can replay. */
export default function ScenarioNotFound() {
  return (
    <section className="mx-auto max-w-2xl space-y-4 py-6">
      <h1 className="text-xl font-semibold">
        There is no scenario “<UnknownScenarioName />”
      </h1>
      <p className="text-muted">These are the scenarios the simulation can replay:</p>
      <ul className="space-y-2">
        {listScenarios().map((s) => (
          <li key={s.id}>
            <Link href={`/sim/${s.id}`} className="font-medium text-accent hover:underline">
              {s.title}
            </Link>
            <span className="text-sm text-muted">
              {" "}
              — <InlineMarkdown text={s.summary} />
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
