package dev.foyer.doors;

import jakarta.servlet.http.HttpServletRequest;
import java.io.Serial;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.pac4j.core.client.DirectClient;
import org.pac4j.core.context.CallContext;
import org.pac4j.core.credentials.Credentials;
import org.pac4j.core.profile.UserProfile;
import org.pac4j.jee.context.JEEContext;

/**
 * Every door is a pac4j direct client made the same way: read the door's request from the servlet
 * request, then turn it into an {@link AssertedProfile} (or throw a problem). What differs between
 * doors is only those two functions.
 */
public final class DoorClients {
  private DoorClients() {}

  public static <T> DirectClient direct(
      String door,
      Function<HttpServletRequest, Optional<T>> read,
      BiFunction<HttpServletRequest, T, AssertedProfile> toProfile) {
    var client =
        new DirectClient() {
          @Override
          protected void internalInit(boolean forceReinit) {}
        };
    client.setName(door);
    client.setCredentialsExtractor(
        ctx ->
            read.apply(request(ctx)).map(doorRequest -> new DoorCredentials<>(door, doorRequest)));
    client.setAuthenticator(
        (ctx, credentials) -> {
          @SuppressWarnings("unchecked")
          var doorCredentials = (DoorCredentials<T>) credentials;
          credentials.setUserProfile(toProfile.apply(request(ctx), doorCredentials.request));
          return Optional.of(credentials);
        });
    return client;
  }

  /**
   * The same for a door that talks to pac4j itself (an indirect client of an identity provider):
   * its second function gets the call's context, whose web context wraps the servlet request and
   * response.
   */
  public static <T> DirectClient contextual(
      String door,
      Function<HttpServletRequest, Optional<T>> read,
      BiFunction<CallContext, T, UserProfile> toProfile) {
    var client = direct(door, read, (request, doorRequest) -> null);
    client.setAuthenticator(
        (ctx, credentials) -> {
          @SuppressWarnings("unchecked")
          var doorCredentials = (DoorCredentials<T>) credentials;
          credentials.setUserProfile(toProfile.apply(ctx, doorCredentials.request));
          return Optional.of(credentials);
        });
    return client;
  }

  private static HttpServletRequest request(CallContext ctx) {
    return ((JEEContext) ctx.webContext()).getNativeRequest();
  }

  /**
   * A door's request as pac4j credentials. toString names only the door: pac4j logs credentials.
   */
  static final class DoorCredentials<T> extends Credentials {
    @Serial private static final long serialVersionUID = 1L;
    private final String door;
    final transient T request;

    DoorCredentials(String door, T request) {
      this.door = door;
      this.request = request;
    }

    @Override
    public boolean equals(Object other) {
      return this == other;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(this);
    }

    @Override
    public String toString() {
      return "DoorCredentials[" + door + "]";
    }
  }
}
