import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function Loading() {
  return <PageSkeleton label="the card" blocks={["h-72", "h-10"]} />;
}
