import type { Metadata } from "next";
import { SettingsForm } from "@/components/settings/settings-form";
import { ThemeChoice } from "@/components/settings/theme-choice";
import { getLearnerId } from "@/lib/data/learners";
import { getOptimizerStatus } from "@/lib/data/fsrs-weights";
import { getStudySettings } from "@/lib/data/settings";
import { formatSteps } from "@/lib/srs/steps";
import { FsrsParametersPanel } from "./_components/fsrs-parameters-panel";
import { RetentionPlanner } from "./_components/retention-planner";
import { evaluateParameters, optimizeParameters, planRetentions, rescheduleCards, updateSettings } from "./actions";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const learnerId = await getLearnerId();
  const [settings, optimizerStatus] = await Promise.all([getStudySettings(learnerId), getOptimizerStatus(learnerId)]);
  const zones = Intl.supportedValuesOf("timeZone");
  const timeZones = zones.includes("UTC") ? zones : ["UTC", ...zones]; // Node lists canonical zones only
  return (
    <div className="mx-auto max-w-2xl space-y-8">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
        <p className="text-muted">How Quorum schedules your reviews. Changes apply from your next card.</p>
      </div>
      <SettingsForm
        action={updateSettings}
        timeZones={timeZones}
        values={{
          desiredRetention: settings.desiredRetention,
          newCardsPerDay: settings.newCardsPerDay,
          reviewsPerDay: settings.reviewsPerDay,
          allDecksNewCardsPerDay: settings.allDecksNewCardsPerDay ?? "",
          allDecksReviewsPerDay: settings.allDecksReviewsPerDay ?? "",
          learningSteps: formatSteps(settings.learningSteps),
          relearningSteps: formatSteps(settings.relearningSteps),
          timeZone: settings.timeZone,
          dayStartHour: settings.dayStartHour,
          leechThreshold: settings.leechThreshold,
          leechAction: settings.leechAction,
        }}
      />
      <FsrsParametersPanel
        status={optimizerStatus}
        optimize={optimizeParameters}
        evaluate={evaluateParameters}
        reschedule={rescheduleCards}
      />
      <RetentionPlanner plan={planRetentions} />
      <ThemeChoice />
    </div>
  );
}
