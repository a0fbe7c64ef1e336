import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function Loading() {
  return <PageSkeleton label="the page" blocks={["h-24", "h-24", "h-24"]} width="max-w-5xl" />;
}
