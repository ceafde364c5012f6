package dev.es.it.privacy;

import dev.es.annotations.PersonalData;
import java.math.BigDecimal;

/**
 * An event of a delivery stream (not the customer's): the customer, named by the text of its id, is the subject
 * of the address. The fee checks that a payload with personal data keeps its decimals exactly.
 */
public record DeliveryBooked(String customerId, @PersonalData(subject = "customerId") String address, BigDecimal fee) {}
