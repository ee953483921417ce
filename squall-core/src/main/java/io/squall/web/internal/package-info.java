/**
 * Socket-free building blocks of the application framework: signed values, XSRF tokens, {@code
 * Set-Cookie} formatting, byte ranges, safe static file resolution, content types, static file
 * versions, entity tags and status reason phrases. Not API: nothing here is exported.
 *
 * <p>Layer 7: may use {@code io.squall.web}, {@code io.squall.template}, {@code io.squall.http} and
 * the layers below.
 */
package io.squall.web.internal;
