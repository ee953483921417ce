package io.squall.auth.internal;

import io.squall.auth.OAuth2Config;

/** A mixin's {@link OAuth2Config} from the application settings (Tornado's settings keys). */
public final class SettingsConfig {
  private SettingsConfig() {}

  /**
   * The config under {@code key}.
   *
   * @throws IllegalStateException naming the key and the factory when it is missing or not an
   *     {@link OAuth2Config}
   */
  public static OAuth2Config get(Object mixin, String key, String factory) {
    Object value = LoginFlow.handler(mixin).settings().get(key);
    if (value instanceof OAuth2Config c) {
      return c;
    }
    throw new IllegalStateException(
        "You must define the '"
            + key
            + "' setting as an OAuth2Config (OAuth2Config."
            + factory
            + "(clientId, clientSecret)) to use "
            + mixin.getClass().getSimpleName()
            + (value == null ? "" : "; it is a " + value.getClass().getName()));
  }
}
