package com.example;

/** A to-do item, as the JSON API reads and writes it. */
public record Task(int id, String title, boolean done) {}
