import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function Loading() {
  return <PageSkeleton label="the scheduler playground" blocks={["h-96"]} width="max-w-5xl" />;
}
