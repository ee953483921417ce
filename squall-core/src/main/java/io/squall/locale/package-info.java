/**
 * Translations and locale-aware formatting (Tornado's {@code tornado.locale}).
 *
 * <p>{@link io.squall.locale.Locale} holds one language's translations and formats dates ("2
 * minutes ago", "yesterday at 5:32 pm"), days, lists ("A, B and C") and numbers for it. Its static
 * methods load translations for the whole process, as Tornado's module functions do: {@link
 * io.squall.locale.Locale#loadTranslations(java.nio.file.Path)} reads Tornado's CSV files and
 * {@link io.squall.locale.Locale#loadGettextTranslations(java.nio.file.Path, String)} compiled
 * gettext catalogs, so a Tornado application's translations work unchanged. {@link
 * io.squall.locale.Translations} is one loaded set as a value, for code that wants its own. Request
 * handlers choose a locale per request ({@code RequestHandler.getLocale()}: the user's setting,
 * else the browser's {@code Accept-Language}) and give it to templates as {@code locale} and {@code
 * _}.
 *
 * <p>Differences from Tornado: {@code Locale.get(code)} is Tornado's exact {@code Locale.get} and
 * {@link io.squall.locale.Locale#getClosest(String...)} its module-level {@code get(*codes)};
 * loading translations starts a fresh cache of locales (Tornado keeps locales made before the
 * load); each CSV file's encoding is detected on its own (Tornado reuses the first file's); a date
 * less than a minute ahead reads as now only if it is less than a minute ahead in total (Tornado
 * looks at the seconds part alone); {@code friendlyNumber} groups negative numbers correctly.
 */
package io.squall.locale;
