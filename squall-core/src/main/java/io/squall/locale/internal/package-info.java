/**
 * The machinery behind {@code io.squall.locale}: Tornado's CSV translation files and gettext's
 * compiled {@code .mo} catalogs read into catalogs, gettext plural rules, Python's named {@code %}
 * formatting, Python-style argument binding for templates, and resource directories opened in
 * place. Not API: nothing here is exported.
 */
package io.squall.locale.internal;
