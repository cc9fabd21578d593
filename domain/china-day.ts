// Dates that matter here are Chinese calendar days (a receipt date, the last day of publication),
// whatever time zone the process runs in.

/** The day in China (YYYY-MM-DD) at an instant, now by default: 'sv-SE' formats as ISO. */
export const chinaToday = (now = new Date()): string => now.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
