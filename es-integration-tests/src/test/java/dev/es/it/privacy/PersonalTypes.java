package dev.es.it.privacy;

import dev.es.runtime.spi.EventType;
import dev.es.runtime.spi.PersonalField;

/**
 * Registry entries with personal data for what the processor does not generate here: events no aggregate applies
 * ({@link DeliveryBooked}, {@link WelcomeMailRequested}) and those of the hand-written {@link WelcomeSaga}. Written
 * as the processor writes them from {@code @PersonalData}; {@link Customer}'s come from its generated type.
 */
final class PersonalTypes {

  static final EventType<?> REGISTERED = EventType.newest("CustomerRegistered", 1, CustomerEvent.Registered.class)
      .withPersonalData(new PersonalField("email", "customerId"));
  static final EventType<?> DELIVERY_BOOKED = EventType.newest("DeliveryBooked", 1, DeliveryBooked.class)
      .withPersonalData(new PersonalField("address", "customerId"));
  static final EventType<?> WELCOME_MAIL_REQUESTED =
      EventType.newest("WelcomeMailRequested", 1, WelcomeMailRequested.class)
          .withPersonalData(new PersonalField("email", "customerId"));

  private PersonalTypes() {}
}
