import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function Loading() {
  return <PageSkeleton label="the replay" blocks={["h-96", "h-16"]} width="max-w-5xl" />;
}
