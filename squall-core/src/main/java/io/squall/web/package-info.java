/**
 * The application framework: {@code Application}, routing and {@code RequestHandler} (Tornado's
 * {@code tornado.web}).
 *
 * <p>Layer 7: may use {@code io.squall.template}, {@code io.squall.http} and every layer below;
 * never {@code io.squall.websocket} (which builds on it) or {@code io.squall.auth}.
 */
package io.squall.web;
