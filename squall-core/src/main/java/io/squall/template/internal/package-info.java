/**
 * Internals of the template engine: the parser, the node tree and the linker that resolves {@code
 * extends}, {@code block} and {@code include}, the scopes and loop control of a render, and the
 * built-in functions. Expressions are compiled by the Python-subset parser in {@code py}, which
 * also holds their sandbox and per-call-site caches. Not exported; not API.
 *
 * <p>Layer 7, self-contained: may use {@code io.squall.template}, {@code io.squall.escape} and the
 * JDK.
 */
package io.squall.template.internal;
