package dev.foyer.federation.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.scribejava.core.model.OAuth1RequestToken;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import dev.foyer.signin.entity.FlowState;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FlowSessionStoreTest {
  private final FlowState flow =
      new FlowState(
          "hash", "space", "federation", "provider", null, null, Instant.EPOCH, Instant.MAX);
  private final FlowSessionStore store = new FlowSessionStore(flow);

  @Test
  void keepsWhatPac4jClientsSaveThroughTheFlowsText() {
    var verifier = new CodeVerifier();
    store.set(null, "state", new State("abc=&\n"));
    store.set(null, "nonce", "n-1");
    store.set(null, "verifier", verifier);
    store.set(null, "token", new OAuth1RequestToken("tok:en", "se=cret"));

    var reread = new FlowSessionStore(flow);
    assertThat(reread.get(null, "state")).contains(new State("abc=&\n"));
    assertThat(reread.get(null, "nonce")).contains("n-1");
    assertThat(((CodeVerifier) reread.get(null, "verifier").orElseThrow()).getValue())
        .isEqualTo(verifier.getValue());
    var token = (OAuth1RequestToken) reread.get(null, "token").orElseThrow();
    assertThat(token.getToken()).isEqualTo("tok:en");
    assertThat(token.getTokenSecret()).isEqualTo("se=cret");
  }

  @Test
  void removesAValueSetToNull() {
    store.set(null, "state", "x");
    store.set(null, "state", null);

    assertThat(store.get(null, "state")).isEmpty();
  }

  @Test
  void refusesToKeepAnyOtherType() {
    assertThatThrownBy(() -> store.set(null, "profile", new Object()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesValuesThatOutgrowTheColumn() {
    assertThatThrownBy(() -> store.set(null, "big", "x".repeat(FlowState.MAX_VALUES)))
        .isInstanceOf(IllegalStateException.class);
  }
}
