import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function Loading() {
  return <PageSkeleton label="the report" blocks={["h-24", "h-64"]} />;
}
