package com.example.library;

/** What happens to a book of the library. */
public sealed interface BookEvent {
  record BookAdded(String title) implements BookEvent {}
  record BookLent(String member) implements BookEvent {}
  record BookReturned() implements BookEvent {}
}
