import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function Loading() {
  return <PageSkeleton label="your progress" blocks={["h-24", "h-56", "h-56"]} width="max-w-5xl" />;
}
