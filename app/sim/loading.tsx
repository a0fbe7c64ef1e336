import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function Loading() {
  return <PageSkeleton label="simulations" blocks={["h-32", "h-32", "h-32"]} width="max-w-5xl" />;
}
