package dev.es.examples.boot;

import dev.es.examples.order.IllegalOrderStateException;
import dev.es.runtime.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Domain errors as HTTP problems: an unknown aggregate is 404, a command the order's state refuses is 409. */
@RestControllerAdvice
public class Errors {

  @ExceptionHandler(AggregateNotFoundException.class)
  ProblemDetail notFound(AggregateNotFoundException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
  }

  @ExceptionHandler(IllegalOrderStateException.class)
  ProblemDetail conflict(IllegalOrderStateException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
  }
}
