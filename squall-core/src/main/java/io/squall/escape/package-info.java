/** HTML, URL and JSON escaping (Tornado's {@code tornado.escape}); JSON goes through Jackson. */
package io.squall.escape;
