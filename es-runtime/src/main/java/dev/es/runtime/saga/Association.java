package dev.es.runtime.saga;

/** A property value that routes events to a saga instance. */
record Association(String property, String value) {}
