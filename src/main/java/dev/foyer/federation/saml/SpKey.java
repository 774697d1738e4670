package dev.foyer.federation.saml;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * One of a service provider's keys: an RSA 2048 key pair and a self-signed certificate for it, the
 * form identity providers import from metadata (they trust the certificate's key, not its issuer).
 * The certificate is made with the JDK alone (a few DER structures), so Foyer needs no
 * BouncyCastle.
 *
 * @param id a short name for the key (its certificate's serial in hex), shown to administrators
 */
public record SpKey(
    String id, PrivateKey privateKey, X509Certificate certificate, Instant createdAt) {
  static final int BITS = 2048;
  static final Duration VALIDITY = Duration.ofDays(3650);

  private static final byte[] SHA256_WITH_RSA = {
    0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x0b
  };
  private static final byte[] COMMON_NAME = {0x06, 0x03, 0x55, 0x04, 0x03};

  public static SpKey generate(String commonName, Instant now) {
    try {
      var generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(BITS);
      var pair = generator.generateKeyPair();
      return new SpKey(null, pair.getPrivate(), selfSigned(pair, commonName, now), now).named();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA key generation is unavailable", e);
    }
  }

  private SpKey named() {
    return new SpKey(
        certificate.getSerialNumber().toString(16), privateKey, certificate, createdAt);
  }

  /** The private key (PKCS#8) and certificate (DER), base64, on two lines: the stored form. */
  public String encoded() {
    try {
      var encoder = Base64.getEncoder();
      return encoder.encodeToString(privateKey.getEncoded())
          + "\n"
          + encoder.encodeToString(certificate.getEncoded())
          + "\n"
          + createdAt;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static SpKey decoded(String stored) {
    var parts = stored.split("\n");
    try {
      var decoder = Base64.getDecoder();
      var key =
          KeyFactory.getInstance("RSA")
              .generatePrivate(new PKCS8EncodedKeySpec(decoder.decode(parts[0])));
      return new SpKey(null, key, certificate(decoder.decode(parts[1])), Instant.parse(parts[2]))
          .named();
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalStateException("A stored service provider key is unreadable", e);
    }
  }

  /** The certificate as metadata carries it: base64 DER without PEM armour. */
  public String certificateBase64() {
    try {
      return Base64.getEncoder().encodeToString(certificate.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public KeyPair keyPair() {
    return new KeyPair(certificate.getPublicKey(), privateKey);
  }

  static X509Certificate certificate(byte[] der) throws GeneralSecurityException {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }

  static X509Certificate selfSigned(KeyPair pair, String commonName, Instant now)
      throws GeneralSecurityException {
    var name = sequence(set(sequence(COMMON_NAME, utf8(commonName))));
    var serial = new BigInteger(64, new SecureRandom()).setBit(63);
    var tbs =
        sequence(
            tagged(0xa0, integer(BigInteger.TWO)),
            integer(serial),
            sequence(SHA256_WITH_RSA, new byte[] {0x05, 0x00}),
            name,
            sequence(time(now.minus(Duration.ofMinutes(5))), time(now.plus(VALIDITY))),
            name,
            pair.getPublic().getEncoded());
    var signer = Signature.getInstance("SHA256withRSA");
    signer.initSign(pair.getPrivate());
    signer.update(tbs);
    var signature = signer.sign();
    var bits = new byte[signature.length + 1];
    System.arraycopy(signature, 0, bits, 1, signature.length);
    return certificate(
        sequence(tbs, sequence(SHA256_WITH_RSA, new byte[] {0x05, 0x00}), tagged(0x03, bits)));
  }

  private static byte[] time(Instant instant) {
    var utc = instant.atOffset(ZoneOffset.UTC);
    // RFC 5280 §4.1.2.5: UTCTime up to 2049, GeneralizedTime from 2050.
    return utc.getYear() < 2050
        ? tagged(0x17, ascii(DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").format(utc)))
        : tagged(0x18, ascii(DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").format(utc)));
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] utf8(String text) {
    return tagged(0x0c, text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] integer(BigInteger value) {
    return tagged(0x02, value.toByteArray());
  }

  private static byte[] sequence(byte[]... parts) {
    return tagged(0x30, concat(parts));
  }

  private static byte[] set(byte[]... parts) {
    return tagged(0x31, concat(parts));
  }

  private static byte[] concat(byte[]... parts) {
    var out = new ByteArrayOutputStream();
    for (var part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static byte[] tagged(int tag, byte[] content) {
    var out = new ByteArrayOutputStream();
    out.write(tag);
    int length = content.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      var bytes = BigInteger.valueOf(length).toByteArray();
      int skip = bytes[0] == 0 ? 1 : 0;
      out.write(0x80 | (bytes.length - skip));
      out.write(bytes, skip, bytes.length - skip);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }
}
