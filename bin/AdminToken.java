import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Development key pair and admin bearer tokens for Foyer's embedded default.
 *
 * <pre>
 * java bin/AdminToken.java keygen DIR            writes DIR/private.pem and DIR/public.pem (once)
 * java bin/AdminToken.java token DIR [options]   prints a signed MicroProfile JWT
 *   --groups foyer-admin        comma-separated groups (roles); default foyer-admin
 *   --space SLUG                the foyer_space claim of a space administrator
 *   --ttl PT1H                  lifetime; a negative one makes an expired token
 *   --issuer foyer-dev          iss claim; must match mp.jwt.verify.issuer
 *   --audience foyer            aud claim, comma-separated; must name one of
 *                               mp.jwt.verify.audiences; an empty value leaves aud out
 *   --issued-in PT0S            iat this far from now (a negative one is in the past);
 *                               exp is iat plus the lifetime
 * java bin/AdminToken.java console-link DIR URL [options]
 *                               asks the Foyer at URL (http://127.0.0.1:8080) for a single-use
 *                               operator console link with a token of those options; prints it
 * </pre>
 *
 * In production the tokens come from the operator's own identity provider; this file only needs
 * the JDK so that it runs as a single-file program.
 */
public class AdminToken {

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: java bin/AdminToken.java keygen|token|console-link DIR [URL] [options]");
      System.exit(2);
    }
    var dir = Path.of(args[1]);
    switch (args[0]) {
      case "keygen" -> keygen(dir);
      case "token" -> System.out.println(token(dir, List.of(args).subList(2, args.length)));
      case "console-link" -> System.out.println(consoleLink(dir, args[2], List.of(args).subList(3, args.length)));
      default -> {
        System.err.println("unknown command " + args[0]);
        System.exit(2);
      }
    }
  }

  /** POST /api/admin/console-links with a fresh token; the link's url, read off the JSON answer. */
  static String consoleLink(Path dir, String base, List<String> options) throws Exception {
    var request =
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/admin/console-links"))
            .header("Authorization", "Bearer " + token(dir, options))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
            .build();
    var answer =
        java.net.http.HttpClient.newHttpClient()
            .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    var url = java.util.regex.Pattern.compile("\"url\"\\s*:\\s*\"([^\"]+)\"").matcher(answer.body());
    if (answer.statusCode() != 201 || !url.find()) {
      throw new IllegalStateException("No console link: HTTP " + answer.statusCode() + " " + answer.body());
    }
    return url.group(1);
  }

  static void keygen(Path dir) throws Exception {
    if (Files.exists(dir.resolve("private.pem"))) {
      return;
    }
    Files.createDirectories(dir);
    var generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    var pair = generator.generateKeyPair();
    var privateKey = dir.resolve("private.pem");
    if (privateKey.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      // Owner-only from the start, whatever the caller's umask.
      Files.createFile(privateKey, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    Files.writeString(dir.resolve("public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
  }

  static String token(Path dir, List<String> options) throws Exception {
    var groups = "foyer-admin";
    String space = null;
    var ttl = Duration.ofHours(1);
    var issuer = "foyer-dev";
    var audience = "foyer";
    var issuedIn = Duration.ZERO;
    for (int i = 0; i + 1 < options.size(); i += 2) {
      var value = options.get(i + 1);
      switch (options.get(i)) {
        case "--groups" -> groups = value;
        case "--space" -> space = value;
        case "--ttl" -> ttl = Duration.parse(value);
        case "--issuer" -> issuer = value;
        case "--audience" -> audience = value;
        case "--issued-in" -> issuedIn = Duration.parse(value);
        default -> throw new IllegalArgumentException("unknown option " + options.get(i));
      }
    }
    var now = Instant.now().getEpochSecond() + issuedIn.getSeconds();
    var groupList = quoted(groups);
    var audienceList = quoted(audience);
    var claims = new StringBuilder()
        .append("{\"iss\":\"").append(issuer).append('"')
        .append(",\"sub\":\"operator\",\"upn\":\"operator\"")
        .append(",\"jti\":\"").append(UUID.randomUUID()).append('"')
        .append(",\"iat\":").append(Math.min(now, now + ttl.getSeconds()))
        .append(",\"exp\":").append(now + ttl.getSeconds())
        .append(",\"groups\":[").append(String.join(",", groupList)).append(']');
    if (audienceList.size() == 1) {
      claims.append(",\"aud\":").append(audienceList.get(0));
    } else if (!audienceList.isEmpty()) {
      claims.append(",\"aud\":[").append(String.join(",", audienceList)).append(']');
    }
    if (space != null) {
      claims.append(",\"foyer_space\":\"").append(space).append('"');
    }
    claims.append('}');
    var encoder = Base64.getUrlEncoder().withoutPadding();
    var signingInput = encoder.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
        + "." + encoder.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
    var signer = Signature.getInstance("SHA256withRSA");
    signer.initSign(privateKey(dir.resolve("private.pem")));
    signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + encoder.encodeToString(signer.sign());
  }

  static List<String> quoted(String commaSeparated) {
    var values = new ArrayList<String>();
    for (var value : commaSeparated.split(",")) {
      if (!value.isBlank()) {
        values.add("\"" + value.strip() + "\"");
      }
    }
    return values;
  }

  static RSAPrivateKey privateKey(Path file) throws Exception {
    var base64 = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    var spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
    return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(spec);
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
