package io.squall.demos.blog;

import java.time.Instant;

/**
 * A post: a row of {@code blog_entries} with its author's name.
 *
 * @param id the post's id
 * @param authorId who wrote it
 * @param authorName their name
 * @param slug its URL name, unique
 * @param title its title as written
 * @param markdown its text as written
 * @param html the text rendered by {@link Markdown}, safe to insert unescaped
 * @param published when it was first saved
 * @param updated when it was last saved
 */
public record Entry(
    long id,
    long authorId,
    String authorName,
    String slug,
    String title,
    String markdown,
    String html,
    Instant published,
    Instant updated) {}
