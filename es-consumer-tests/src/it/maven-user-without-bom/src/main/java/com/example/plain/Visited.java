package com.example.plain;

import java.time.Instant;

/** One visit. */
public record Visited(Instant at) {}
