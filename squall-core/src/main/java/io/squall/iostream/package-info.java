/** Buffered non-blocking byte streams over socket channels (Tornado's {@code iostream}). */
package io.squall.iostream;
