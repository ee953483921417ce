/**
 * The application framework: {@code Application}, routing and {@code RequestHandler} (Tornado's
 * {@code tornado.web}).
 */
package io.squall.web;
