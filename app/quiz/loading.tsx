import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function Loading() {
  return <PageSkeleton label="quizzes" blocks={["h-40", "h-40"]} />;
}
