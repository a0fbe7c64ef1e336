import { convertCsvToFsrsItems, type FSRSItem } from "@open-spaced-repetition/binding";
import { timeZoneOffsetMinutes, type DayPrefs } from "../srs/day";

/**
 * The optimizer's training items from a review log in its own CSV format (our export,
 * lib/export/format-revlog-csv.ts), read by the binding's own reader so that what we train on is
 * exactly what the export says. Days are the learner's: their zone and the hour their day starts.
 */
export function reviewItemsFromCsv(csv: string, day: DayPrefs): FSRSItem[] {
  return convertCsvToFsrsItems(Buffer.from(csv), day.dayStartHour, day.timeZone, (ms, timeZone) =>
    timeZoneOffsetMinutes(new Date(ms), timeZone),
  );
}
