package com.example.shelf;

import java.util.UUID;

/** What happens to a book on the shelf. */
public sealed interface BookEvent {
  record BookShelved(UUID book, String title) implements BookEvent {}
  record BookLent(UUID book, String borrower) implements BookEvent {}
}
