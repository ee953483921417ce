/** Small shared helpers used across the layers (Tornado's {@code tornado.util}). */
package io.squall.util;
