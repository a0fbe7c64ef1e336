/**
 * The browser's time zone as the detector last saw it. A guest who has written nothing has no
 * row to store it in (and a visit alone must never create one), so until then it rides here.
 */
export const timeZoneCookieName = "quorum-tz";
export const timeZoneCookieMaxAgeSeconds = 365 * 24 * 3600;
