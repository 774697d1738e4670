package dev.foyer.spaces.boundary;

import dev.foyer.spaces.control.AdminTokenPolicy;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The admin token policy from configuration, built at start-up: a configuration that would accept
 * tokens of any audience, or set no lifetime cap, stops the deployment instead of serving.
 */
@ApplicationScoped
public class AdminTokens {
  // The keys MP-JWT reads too, so Foyer's checks and the server's agree. A comma-separated list,
  // split as Payara's MP-JWT splits it.
  @Inject
  @ConfigProperty(name = "mp.jwt.verify.audiences")
  Optional<String> audiences;

  @Inject
  @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60")
  long clockSkewSeconds;

  @Inject
  @ConfigProperty(name = "foyer.admin-token.max-lifetime", defaultValue = "PT2H")
  Duration maxLifetime;

  private AdminTokenPolicy policy;

  @PostConstruct
  void build() {
    policy =
        new AdminTokenPolicy(
            audiences.map(list -> List.of(list.split(","))).orElse(List.of()),
            maxLifetime,
            Duration.ofSeconds(clockSkewSeconds));
  }

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    // Created at start-up: a bad setting fails the deployment, not the first admin call.
  }

  public AdminTokenPolicy policy() {
    return policy;
  }
}
