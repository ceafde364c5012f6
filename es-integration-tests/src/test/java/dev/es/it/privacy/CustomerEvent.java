package dev.es.it.privacy;

import dev.es.annotations.Event;
import dev.es.annotations.PersonalData;
import java.util.UUID;

/** Events of {@link Customer}: the e-mail address is the customer's personal data. */
public sealed interface CustomerEvent permits CustomerEvent.Registered, CustomerEvent.EmailChanged {

  @Event(name = "CustomerRegistered")
  record Registered(UUID customerId, @PersonalData(subject = "customerId") String email, String plan)
      implements CustomerEvent {}

  @Event(name = "CustomerEmailChanged")
  record EmailChanged(UUID customerId, @PersonalData(subject = "customerId") String email)
      implements CustomerEvent {}
}
