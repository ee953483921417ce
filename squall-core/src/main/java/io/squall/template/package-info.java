/** Tornado's template language for Java (Tornado's {@code tornado.template}). */
package io.squall.template;
