package dev.es.examples.boot;

import dev.es.examples.user.UserCommands;
import dev.es.examples.user.view.UserQueries;
import dev.es.examples.user.view.UserView;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The user commands and queries over HTTP. Users are projected inline: a read right after a command sees it. */
@RestController
@RequestMapping("/users")
public class UserController {

  /** A registration. */
  public record Registration(String email, String firstName, String lastName) {}

  /** A new email address. */
  public record EmailChange(String email) {}

  /** The id of what a command created. */
  public record Created(UUID id) {}

  private final UserCommands commands;
  private final UserQueries queries;

  public UserController(UserCommands commands, UserQueries queries) {
    this.commands = commands;
    this.queries = queries;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  public Created register(@RequestBody Registration registration) {
    return new Created(commands.register(registration.email(), registration.firstName(), registration.lastName()));
  }

  @PostMapping("/{id}/activation")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  public void activate(@PathVariable UUID id) {
    commands.activate(id);
  }

  @PostMapping("/{id}/email")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  public void changeEmail(@PathVariable UUID id, @RequestBody EmailChange change) {
    commands.changeEmail(id, change.email());
  }

  @GetMapping("/{id}")
  public ResponseEntity<UserView> user(@PathVariable UUID id) {
    return ResponseEntity.of(queries.byId(id));
  }
}
