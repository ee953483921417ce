package io.squall.template;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the part of Squall's own API that template expressions may use.
 *
 * <p>The template sandbox lets an expression reach a member of one of the framework's classes (the
 * {@code io.squall} packages such as {@code web}, {@code http}, {@code ioloop}, {@code locale})
 * only when the member, or the class that declares it, carries this annotation. So {@code
 * handler.request.path}, {@code handler.current_user} and {@code locale.format_date(d)} work, while
 * {@code handler.settings}, {@code handler.application}, {@code handler.loop} and the methods that
 * write or finish the response are not there for a template: a template cannot read the cookie
 * secret or end a response early, whatever object it is given. Application classes (including
 * handler subclasses' own methods) are governed by {@link TemplateSettings#allowedPackages()}
 * instead.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD})
public @interface TemplateFacing {}
