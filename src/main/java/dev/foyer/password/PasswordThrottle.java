package dev.foyer.password;

import dev.foyer.problems.GatewayProblem;
import dev.foyer.secrets.Sha256;
import dev.foyer.spaces.entity.Space;
import dev.foyer.web.ClientAddress;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Throttles password guessing per space and email and per client address (README "Password
 * sign-in"). An attempt is charged before its password is checked, so an unknown email is counted
 * exactly like a known one and the answer never tells them apart; a right password takes its charge
 * back and clears the email's failures. A locked email or address is refused with {@code PWD2} and
 * {@code Retry-After} before any password is checked, even a right one.
 */
@ApplicationScoped
public class PasswordThrottle {
  static final System.Logger LOGGER = System.getLogger(PasswordThrottle.class.getName());
  private static final int TRIES = 5;

  @Inject ThrottleCounters counters;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "foyer.password.throttle.email-failures", defaultValue = "5")
  int emailFailures;

  @Inject
  @ConfigProperty(name = "foyer.password.throttle.address-failures", defaultValue = "100")
  int addressFailures;

  @Inject
  @ConfigProperty(name = "foyer.password.throttle.window", defaultValue = "PT15M")
  Duration window;

  @Inject
  @ConfigProperty(name = "foyer.password.throttle.backoff", defaultValue = "PT1M")
  Duration backoff;

  @Inject
  @ConfigProperty(name = "foyer.password.throttle.max-backoff", defaultValue = "PT1H")
  Duration maxBackoff;

  private ThrottlePolicy policy;

  @PostConstruct
  void init() {
    policy = new ThrottlePolicy(emailFailures, addressFailures, window, backoff, maxBackoff);
  }

  /** Charges an attempt to its email and address, or refuses it while either is locked. */
  void charge(Space space, String email, ClientAddress address) {
    var charges =
        List.of(
            new ThrottleCounters.Charge(emailKey(space, email), policy.emailFailures()),
            addressCharge(address));
    Optional<Duration> wait = Optional.empty();
    for (int tried = 1; ; tried++) {
      try {
        wait = counters.charge(charges, policy);
        break;
      } catch (PersistenceException | TransactionalException raced) {
        // Two first failures inserted the same counter, or a lock wait timed out: try again in a
        // fresh transaction, a little later; after a few rounds, too many attempts at once is a
        // throttle too.
        if (tried == TRIES || !pause(tried)) {
          LOGGER.log(System.Logger.Level.WARNING, "password throttle busy: " + raced);
          wait = Optional.of(Duration.ofSeconds(1));
          break;
        }
      }
    }
    if (ThreadLocalRandom.current().nextInt(256) == 0) {
      sweep();
    }
    if (wait.isPresent()) {
      var seconds = wholeSeconds(wait.get());
      throw new GatewayProblem(
          PasswordProblem.THROTTLED,
          "Too many failed sign-ins with this email or from this address. Try again in "
              + seconds
              + (seconds == 1 ? " second." : " seconds."),
          Duration.ofSeconds(seconds));
    }
  }

  /** Rounded up, at least 1: trying again a moment before the lock ends would be refused. */
  static long wholeSeconds(Duration wait) {
    return Math.max(1, wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0));
  }

  /** A right password: the email starts again from nothing, the address gets its charge back. */
  void succeeded(Space space, String email, ClientAddress address) {
    try {
      counters.succeeded(emailKey(space, email), addressCharge(address));
    } catch (PersistenceException | TransactionalException busy) {
      // The sign-in stands; the counters stay as charged, which errs on the safe side.
      LOGGER.log(System.Logger.Level.WARNING, "password throttle not refunded: " + busy);
    }
  }

  /** A random pause that grows with the tries, so racing attempts do not collide again. */
  private static boolean pause(int tried) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(5, 25) * tried);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void sweep() {
    try {
      counters.sweep(clock.instant());
    } catch (PersistenceException | TransactionalException busy) {
      LOGGER.log(System.Logger.Level.DEBUG, () -> "password throttle sweep skipped: " + busy);
    }
  }

  private ThrottleCounters.Charge addressCharge(ClientAddress address) {
    return new ThrottleCounters.Charge(
        Sha256.hex("password-address\n" + address.key()), policy.addressFailures());
  }

  private static String emailKey(Space space, String email) {
    return Sha256.hex("password-email\n" + space.id() + "\n" + email);
  }
}
