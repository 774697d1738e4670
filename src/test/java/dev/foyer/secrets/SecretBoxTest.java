package dev.foyer.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
  static final String OLD = key();
  static final String NEW = key();

  @Test
  void opensWhatItSealed() {
    var box = box(NEW, null);

    assertThat(box.open(box.seal("s3cret"))).contains("s3cret");
  }

  @Test
  void opensWhatThePreviousKeySealedAndSealsItAgainUnderTheKey() {
    var sealedBefore = box(OLD, null).seal("s3cret");
    var rotating = box(NEW, OLD);

    assertThat(rotating.open(sealedBefore)).contains("s3cret");
    var resealed = rotating.reseal(sealedBefore);
    assertThat(resealed).isNotEqualTo(sealedBefore);
    assertThat(box(NEW, null).open(resealed)).contains("s3cret");
    assertThat(rotating.reseal(resealed)).isEqualTo(resealed);
  }

  @Test
  void skipsWhatNoKeyOpens() {
    var box = box(NEW, null);
    var good = box.seal("current");
    var poisoned = box(OLD, null).seal("previous");

    assertThat(box.openEach("the signing secret of space acme", List.of(good, poisoned, "junk")))
        .containsExactly("current");
    assertThat(box.reseal(poisoned)).isEqualTo(poisoned);
  }

  @Test
  void countsTheStoredSecretsItWalksAndWhichOpenWithTheKey() {
    var box = box(NEW, OLD);
    var walk = StoredSecrets.reseal(box);

    walk.visit(box(OLD, null).seal("a"));
    walk.visit(box.seal("b"));
    walk.visit(box(key(), null).seal("c"));
    walk.visit(null);

    assertThat(walk.stored()).isEqualTo(3);
    assertThat(walk.resealed()).isEqualTo(1);
    assertThat(walk.openWithKey()).isEqualTo(2);
  }

  @Test
  void namesAKeyThatIsNotBase64OrNot32Bytes() {
    assertThat(box("not base64!", null).unusable())
        .hasValueSatisfying(why -> assertThat(why).contains("base64"));
    assertThat(box(Base64.getEncoder().encodeToString(new byte[16]), null).unusable())
        .hasValueSatisfying(why -> assertThat(why).contains("32 bytes"));
    assertThat(box(NEW, "short").unusable())
        .hasValueSatisfying(why -> assertThat(why).contains("foyer.secrets.previous-key"));
  }

  @Test
  void confirmsOnlyAUsableKey() {
    var box = box("not base64!", null);
    box.confirmKey(true);

    assertThat(box.keyConfirmed()).isFalse();
  }

  private static SecretBox box(String key, String previous) {
    var box = new SecretBox();
    box.configuredKey = key;
    box.configuredPreviousKey = Optional.ofNullable(previous);
    box.init();
    return box;
  }

  private static String key() {
    return Base64.getEncoder().encodeToString(Randomness.bytes(32));
  }
}
