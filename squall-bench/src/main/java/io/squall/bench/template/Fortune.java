package io.squall.bench.template;

/** One row of the Fortunes page, the same object for every engine. */
public record Fortune(int id, String message) {}
