package io.squall.demos.blog;

/**
 * A row of {@code blog_authors}.
 *
 * @param id the author's id
 * @param email the e-mail address they log in with, in lower case
 * @param name the name shown on their posts
 * @param passwordHash the {@link Passwords} hash of their password
 */
public record Author(long id, String email, String name, String passwordHash) {}
