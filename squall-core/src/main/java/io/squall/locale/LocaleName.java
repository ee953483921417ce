package io.squall.locale;

import io.squall.template.TemplateFacing;

/**
 * How a locale is called, in English and in its own language ({@code "German"}, {@code "Deutsch"});
 * an entry of Tornado's {@code LOCALE_NAMES}.
 *
 * @param englishName the name in English ({@code name_en} in Tornado)
 * @param nativeName the name in the locale's own language ({@code name})
 */
@TemplateFacing
public record LocaleName(String englishName, String nativeName) {}
