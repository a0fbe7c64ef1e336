import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function Loading() {
  return <PageSkeleton label="your account" blocks={["h-48", "h-40"]} width="max-w-2xl" />;
}
