import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function Loading() {
  return <PageSkeleton label="settings" blocks={["h-64"]} width="max-w-2xl" />;
}
