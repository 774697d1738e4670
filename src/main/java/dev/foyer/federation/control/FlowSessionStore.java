package dev.foyer.federation.control;

import com.github.scribejava.core.model.OAuth1RequestToken;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import dev.foyer.signin.entity.FlowState;
import java.util.Optional;
import org.pac4j.core.context.WebContext;
import org.pac4j.core.context.session.SessionStore;

/**
 * pac4j's session, kept in one sign-in's {@link FlowState} instead of the servlet session: what a
 * client saves before it sends the browser away (state, nonce, PKCE verifier, OAuth 1.0a request
 * token) is read back on the callback from the database, on whichever node it arrives. Only the
 * value types those clients save are accepted, each written as text; anything else is a programming
 * error, not something to serialise.
 */
public final class FlowSessionStore implements SessionStore {
  private final FlowState flow;

  public FlowSessionStore(FlowState flow) {
    this.flow = flow;
  }

  @Override
  public Optional<String> getSessionId(WebContext context, boolean createSession) {
    return Optional.of(flow.idHash());
  }

  @Override
  public Optional<Object> get(WebContext context, String key) {
    return flow.value(key).map(FlowSessionStore::read);
  }

  @Override
  public void set(WebContext context, String key, Object value) {
    flow.put(key, value == null ? null : write(value));
  }

  @Override
  public boolean destroySession(WebContext context) {
    return false;
  }

  @Override
  public Optional<Object> getTrackableSession(WebContext context) {
    return Optional.empty();
  }

  @Override
  public Optional<SessionStore> buildFromTrackableSession(
      WebContext context, Object trackableSession) {
    return Optional.empty();
  }

  @Override
  public boolean renewSession(WebContext context) {
    return false;
  }

  static String write(Object value) {
    if (value instanceof String text) {
      return "s:" + text;
    }
    if (value instanceof State state) {
      return "state:" + state.getValue();
    }
    if (value instanceof CodeVerifier verifier) {
      return "pkce:" + verifier.getValue();
    }
    if (value instanceof OAuth1RequestToken token) {
      return "oauth1:"
          + token.getToken().length()
          + ":"
          + token.getToken()
          + token.getTokenSecret();
    }
    throw new IllegalArgumentException(
        "A flow keeps no " + value.getClass().getName() + " (only what pac4j's clients save)");
  }

  static Object read(String text) {
    var colon = text.indexOf(':');
    var type = text.substring(0, colon);
    var value = text.substring(colon + 1);
    return switch (type) {
      case "s" -> value;
      case "state" -> new State(value);
      case "pkce" -> new CodeVerifier(value);
      case "oauth1" -> {
        var lengthEnd = value.indexOf(':');
        var length = Integer.parseInt(value.substring(0, lengthEnd));
        var rest = value.substring(lengthEnd + 1);
        yield new OAuth1RequestToken(rest.substring(0, length), rest.substring(length));
      }
      default -> throw new IllegalStateException("A flow value of unknown type " + type);
    };
  }
}
