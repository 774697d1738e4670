import dev.foyer.federation.saml.SamlResponses;
import dev.foyer.federation.saml.SamlXml;
import dev.foyer.federation.saml.SpKey;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import javax.crypto.KeyGenerator;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.namespace.QName;
import org.keycloak.saml.processing.core.util.XMLEncryptionUtil;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The SAML benchmark's driver (bench/saml.sh runs it with the JDK's source launcher, on the class
 * path of Foyer's own classes and dependencies): a stand-in identity provider that signs (and
 * encrypts) IdP-initiated responses the way IdpFixture does, and a load driver that posts each once
 * to Foyer's assertion consumer service.
 *
 * <pre>
 *   java SamlBench.java http BASE_URL   providers created, then: bare endpoint, ACS signed, ACS
 *                                        signed+encrypted, each a warm-up and a measured run
 *   java SamlBench.java validate        SamlResponses.parse + validate in this JVM, one thread
 * </pre>
 *
 * <p>http: the space {@code bench} must exist (the script creates it). The driver makes a key and a
 * self-signed certificate for its identity provider ({@code urn:bench:idp}), pastes metadata naming
 * them into two providers of the space, {@code bench} (plain assertions accepted) and {@code
 * bench-encrypted} (encrypted assertions required), and reads from each provider's view the
 * assertion consumer service address and the certificate to encrypt for. Before each ACS run, and
 * outside its timing, it builds FOYER_BENCH_RATE x (warm-up + seconds) x 1.5 responses, each with
 * its own Response and Assertion IDs (a replay would be refused), NameID {@code person-(n mod
 * FOYER_BENCH_PEOPLE)}, an email attribute; the run posts them in order and stops early, saying so,
 * if they run out. Every POST must answer 302 (a sign-in: member found or created, session, login
 * record); anything else is a failure, counted by status and problem code, and the first bodies are
 * printed.
 *
 * <p>Environment: FOYER_BENCH_ADMIN (the admin API's Authorization header value),
 * FOYER_BENCH_CONNECTIONS (64), FOYER_BENCH_SECONDS (20), FOYER_BENCH_WARMUP (10),
 * FOYER_BENCH_PEOPLE (1000), FOYER_BENCH_RATE (500, responses built per second of run).
 */
public class SamlBench {
  static final String IDP = "urn:bench:idp";
  static final String SP = "urn:bench:sp";
  static final String PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol";
  static final String ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion";
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  static final int SHOWN_BODIES = 3;

  static final int CONNECTIONS = intEnv("FOYER_BENCH_CONNECTIONS", 64);
  static final int SECONDS = intEnv("FOYER_BENCH_SECONDS", 20);
  static final int WARMUP = intEnv("FOYER_BENCH_WARMUP", 10);
  static final int PEOPLE = intEnv("FOYER_BENCH_PEOPLE", 1000);
  static final int RATE = intEnv("FOYER_BENCH_RATE", 500);

  public static void main(String[] args) throws Exception {
    if (args[0].equals("validate")) {
      inProcess();
    } else {
      overHttp(args[1]);
    }
  }

  // ---------------------------------------------------------------- over HTTP

  static void overHttp(String base) throws Exception {
    var idp = SpKey.generate(IDP, Instant.now());
    var metadata = metadata(idp);
    var plain = provider(base, "bench", false, metadata);
    var encrypted = provider(base, "bench-encrypted", true, metadata);

    System.out.printf(
        Locale.ROOT,
        "SAML benchmark: %d cores, %d connections, %ds per run after %ds warm-up, %d people,"
            + " responses built for %d/s%n",
        Runtime.getRuntime().availableProcessors(),
        CONNECTIONS,
        SECONDS,
        WARMUP,
        PEOPLE,
        RATE);
    var bare = URI.create(base + "/foyer-plugin.js");
    run(
        "Foyer bare endpoint",
        200,
        n -> HttpRequest.newBuilder(bare).GET(),
        Integer.MAX_VALUE,
        WARMUP,
        SECONDS);

    // Every person's first sign-in (member created) before any measurement, which also warms the
    // server's whole sign-in path: the measured runs are returning people, like later rounds of
    // run.sh's URI Auth. Without it the first ACS run paid for the JIT and the new members alone.
    for (var target : List.of(plain, encrypted)) {
      long began = System.nanoTime();
      byte[][] first = build(idp, target, PEOPLE);
      var acs = URI.create(target.acs());
      System.out.printf(
          Locale.ROOT,
          "  (%d first sign-ins at %s: %d built in %.1f s, then posted)%n",
          PEOPLE,
          target.alias(),
          PEOPLE,
          (System.nanoTime() - began) / 1e9);
      run(
          "  (first sign-ins, not counted)",
          302,
          n -> post(acs, first[n]),
          PEOPLE,
          0,
          Integer.MAX_VALUE / 2);
    }

    int count = (int) Math.min(Integer.MAX_VALUE - 1, (long) RATE * (WARMUP + SECONDS) * 3 / 2);
    for (var target : List.of(plain, encrypted)) {
      long began = System.nanoTime();
      byte[][] bodies = build(idp, target, count);
      System.out.printf(
          Locale.ROOT,
          "  (%d %s responses built in %.1f s, not timed)%n",
          count,
          target.encrypted() ? "signed+encrypted" : "signed",
          (System.nanoTime() - began) / 1e9);
      var acs = URI.create(target.acs());
      run(
          target.encrypted() ? "ACS signed+encrypted sign-ins" : "ACS signed sign-ins",
          302,
          n -> post(acs, bodies[n]),
          count,
          WARMUP,
          SECONDS);
    }
  }

  static HttpRequest.Builder post(URI acs, byte[] body) {
    return HttpRequest.newBuilder(acs)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
  }

  record Target(String alias, boolean encrypted, String acs, PublicKey encryptFor) {}

  /** The identity provider's metadata as an administrator would paste it. */
  static String metadata(SpKey idp) {
    return ("<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\""
                + " xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\""
                + " entityID=\"%s\"><md:IDPSSODescriptor"
                + " protocolSupportEnumeration=\"%s\"><md:KeyDescriptor"
                + " use=\"signing\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>%s"
                + "</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor><md:SingleSignOnService"
                + " Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\""
                + " Location=\"http://127.0.0.1:9/sso\"/>"
                + "</md:IDPSSODescriptor></md:EntityDescriptor>")
        .formatted(IDP, PROTOCOL, idp.certificateBase64());
  }

  /** Creates the provider through the admin API and reads what its view says to post to. */
  static Target provider(String base, String alias, boolean encrypted, String metadata)
      throws Exception {
    var body =
        ("{\"alias\":\"%s\",\"kind\":\"SAML\",\"samlMetadata\":\"%s\",\"spEntityId\":\"%s\","
                + "\"idpInitiated\":true,\"encryptedAssertions\":%s,\"trustedEmails\":true}")
            .formatted(alias, metadata.replace("\"", "\\\""), SP, encrypted);
    var client = HttpClient.newHttpClient();
    var response =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "/api/admin/spaces/bench/identity-providers"))
                .header("Authorization", System.getenv("FOYER_BENCH_ADMIN"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201 && response.statusCode() != 200) {
      throw new IllegalStateException(
          "Creating the provider " + alias + ": " + response.statusCode() + " " + response.body());
    }
    var view = response.body();
    var acs = field(view, "assertionConsumerServiceUrl");
    var certificate =
        CertificateFactory.getInstance("X.509")
            .generateCertificate(
                new java.io.ByteArrayInputStream(
                    Base64.getDecoder().decode(field(view, "certificate"))));
    return new Target(alias, encrypted, acs, certificate.getPublicKey());
  }

  /** The first value of a string field in the JSON text (the view's are unambiguous). */
  static String field(String json, String name) {
    var matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
    if (!matcher.find()) {
      throw new IllegalStateException("No " + name + " in " + json);
    }
    return matcher.group(1).replace("\\/", "/");
  }

  /** Form bodies ({@code SAMLResponse=...}), built on every core. */
  static byte[][] build(SpKey idp, Target target, int count) {
    var now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    var run = Long.toString(System.nanoTime(), 36);
    var bodies = new byte[count][];
    IntStream.range(0, count)
        .parallel()
        .forEach(
            n -> {
              var document = signed(idp, target.acs(), "r" + run + "-" + n, person(target, n), now);
              if (target.encrypted()) {
                encrypt(document, target.encryptFor());
              }
              var xml = SamlXml.write(document).getBytes(StandardCharsets.UTF_8);
              bodies[n] =
                  ("SAMLResponse="
                          + URLEncoder.encode(
                              Base64.getEncoder().encodeToString(xml), StandardCharsets.UTF_8))
                      .getBytes(StandardCharsets.US_ASCII);
            });
    return bodies;
  }

  /** Each provider its own people (and emails): no member is claimed by both providers. */
  static String person(Target target, int n) {
    return "person-" + (n % PEOPLE) + "@" + target.alias() + ".bench.example";
  }

  // ---------------------------------------------------------------- the identity provider

  /** An IdP-initiated response (no InResponseTo), its assertion signed as IdpFixture signs. */
  static Document signed(SpKey idp, String acs, String id, String person, Instant now) {
    var xml =
        """
        <samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" \
        xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_R%1$s" Version="2.0" \
        IssueInstant="%4$s" Destination="%2$s">\
        <saml:Issuer>%7$s</saml:Issuer>\
        <samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>\
        <saml:Assertion ID="_A%1$s" Version="2.0" IssueInstant="%4$s">\
        <saml:Issuer>%7$s</saml:Issuer>\
        <saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">%3$s</saml:NameID>\
        <saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">\
        <saml:SubjectConfirmationData NotOnOrAfter="%6$s" Recipient="%2$s"/>\
        </saml:SubjectConfirmation></saml:Subject>\
        <saml:Conditions NotBefore="%5$s" NotOnOrAfter="%6$s">\
        <saml:AudienceRestriction><saml:Audience>%8$s</saml:Audience></saml:AudienceRestriction>\
        </saml:Conditions>\
        <saml:AuthnStatement AuthnInstant="%4$s" SessionIndex="_S%1$s">\
        <saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:Password</saml:AuthnContextClassRef></saml:AuthnContext>\
        </saml:AuthnStatement>\
        <saml:AttributeStatement>\
        <saml:Attribute Name="http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress" FriendlyName="email">\
        <saml:AttributeValue>%3$s</saml:AttributeValue></saml:Attribute>\
        </saml:AttributeStatement>\
        </saml:Assertion></samlp:Response>\
        """
            .formatted(
                id,
                acs,
                person,
                now,
                now.minus(Duration.ofMinutes(1)),
                now.plus(Duration.ofMinutes(10)),
                IDP,
                SP);
    var document = SamlResponses.parse(xml.getBytes(StandardCharsets.UTF_8));
    var assertion = SamlXml.children(document.getDocumentElement(), ASSERTION, "Assertion").get(0);
    sign(assertion, idp);
    return document;
  }

  /** Enveloped, exclusive c14n, RSA-SHA256, SHA-256 digest, after the Issuer. */
  static void sign(Element element, SpKey key) {
    try {
      element.setIdAttributeNS(null, "ID", true);
      var factory = XMLSignatureFactory.getInstance("DOM");
      var reference =
          factory.newReference(
              "#" + element.getAttribute("ID"),
              factory.newDigestMethod(DigestMethod.SHA256, null),
              List.of(
                  factory.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                  factory.newTransform(
                      CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null)),
              null,
              null);
      var signedInfo =
          factory.newSignedInfo(
              factory.newCanonicalizationMethod(
                  CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
              factory.newSignatureMethod(SignatureMethod.RSA_SHA256, null),
              List.of(reference));
      var keys = factory.getKeyInfoFactory();
      var keyInfo = keys.newKeyInfo(List.of(keys.newX509Data(List.of(key.certificate()))));
      var issuer = SamlXml.children(element, ASSERTION, "Issuer").get(0);
      var context = new DOMSignContext(key.privateKey(), element, issuer.getNextSibling());
      context.setDefaultNamespacePrefix("ds");
      factory.newXMLSignature(signedInfo, keyInfo).sign(context);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Replaces the assertion by an EncryptedAssertion for the service provider's key. */
  static void encrypt(Document document, PublicKey key) {
    try {
      var aes = KeyGenerator.getInstance("AES");
      aes.init(128);
      XMLEncryptionUtil.encryptElement(
          new QName(ASSERTION, "Assertion"),
          document,
          key,
          aes.generateKey(),
          128,
          new QName(ASSERTION, "EncryptedAssertion", "saml"),
          true);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------- the load

  interface Requests {
    HttpRequest.Builder nth(int n);
  }

  /**
   * CONNECTIONS threads, each with its own client, send request n (counted across threads) until
   * the warm-up and the measured seconds are over, or the requests run out.
   */
  static void run(String name, int expected, Requests requests, int count, int warmup, int seconds)
      throws Exception {
    boolean measured = seconds < Integer.MAX_VALUE / 2;
    var counter = new AtomicInteger();
    var ranOut = new AtomicBoolean();
    var bodies = new ConcurrentLinkedQueue<String>();
    var landed = new java.util.concurrent.atomic.AtomicReference<String>();
    long start = System.nanoTime();
    long measureFrom = start + Duration.ofSeconds(warmup).toNanos();
    long measureTo = measureFrom + Duration.ofSeconds(seconds).toNanos();
    var cpu = new CpuWatch(measureFrom, measureTo);
    ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
    var futures = new ArrayList<Future<Stats[]>>();
    for (int i = 0; i < CONNECTIONS; i++) {
      futures.add(
          pool.submit(
              () -> {
                var client =
                    HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .connectTimeout(Duration.ofSeconds(10))
                        .build();
                var warm = new Stats();
                var stats = new Stats();
                while (true) {
                  long began = System.nanoTime();
                  if (began >= measureTo) {
                    break;
                  }
                  int n = counter.getAndIncrement();
                  if (n >= count) {
                    ranOut.set(true);
                    break;
                  }
                  String failure = null;
                  try {
                    var response =
                        client.send(
                            requests.nth(n).timeout(TIMEOUT).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == expected) {
                      response
                          .headers()
                          .firstValue("Location")
                          .ifPresent(at -> landed.compareAndSet(null, at));
                    } else {
                      failure = describe(response);
                      if (bodies.size() < SHOWN_BODIES) {
                        bodies.add(response.statusCode() + " " + response.body());
                      }
                    }
                  } catch (IOException e) {
                    failure = e.getClass().getSimpleName() + " " + e.getMessage();
                  }
                  long ended = System.nanoTime();
                  if (ended >= measureFrom && ended < measureTo) {
                    stats.add(failure, ended - began);
                  } else if (ended < measureFrom) {
                    warm.add(failure, ended - began);
                  }
                }
                return new Stats[] {warm, stats};
              }));
    }
    var warm = new Stats();
    var total = new Stats();
    for (var future : futures) {
      warm.merge(future.get()[0]);
      total.merge(future.get()[1]);
    }
    pool.shutdown();
    long ended = Math.min(System.nanoTime(), measureTo);
    // Run out early, the rate is over the time actually measured.
    double took = Math.max(0.001, (ended - measureFrom) / 1e9);
    total.print(name, took);
    cpu.print(total.nanos.size() + total.failures.values().stream().mapToInt(i -> i).sum());
    if (ranOut.get() && measured) {
      System.out.printf(
          Locale.ROOT,
          "    the %d responses built ran out after %.1f measured seconds: raise"
              + " FOYER_BENCH_RATE%n",
          count,
          took);
    }
    if (landed.get() != null) {
      System.out.println("    redirected to " + landed.get().replaceAll("\\?.*", "?..."));
    }
    if (!warm.failures.isEmpty()) {
      warm.print("  (warm-up, not counted)", warmup);
    }
    for (var body : bodies) {
      System.out.println(
          "    body: " + body.replaceAll("\\s+", " ").substring(0, Math.min(400, body.length())));
    }
  }

  /**
   * CPU time used in the measured window by Foyer's server (FOYER_BENCH_SERVER_PID, from
   * /proc/PID/stat) and by this driver: where the two cores went. Read at the window's start and at
   * its end, or when the run ends early.
   */
  static final class CpuWatch {
    private final long[] server = new long[2];
    private final long[] driver = new long[2];
    private final Thread thread;

    CpuWatch(long from, long to) {
      thread =
          new Thread(
              () -> {
                try {
                  sleepUntil(from);
                  server[0] = serverCpu();
                  driver[0] = driverCpu();
                  sleepUntil(to);
                } catch (InterruptedException e) {
                  // the run ended early: read now
                }
                server[1] = serverCpu();
                driver[1] = driverCpu();
              });
      thread.setDaemon(true);
      thread.start();
    }

    void print(int requests) throws InterruptedException {
      thread.interrupt();
      thread.join();
      if (server[0] < 0 || requests == 0) {
        return;
      }
      System.out.printf(
          Locale.ROOT,
          "    CPU per request: server %.2f ms, driver %.2f ms%n",
          (server[1] - server[0]) / 1e6 / requests,
          (driver[1] - driver[0]) / 1e6 / requests);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
      long left = nanoTime - System.nanoTime();
      if (left > 0) {
        Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
      }
    }

    /** utime + stime of the server process in nanoseconds (USER_HZ 100), or -1. */
    private static long serverCpu() {
      var pid = System.getenv("FOYER_BENCH_SERVER_PID");
      if (pid == null || pid.isBlank()) {
        return -1;
      }
      try {
        var stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid, "stat"));
        var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
      } catch (IOException | RuntimeException e) {
        return -1;
      }
    }

    private static long driverCpu() {
      return ((com.sun.management.OperatingSystemMXBean)
              java.lang.management.ManagementFactory.getOperatingSystemMXBean())
          .getProcessCpuTime();
    }
  }

  static String describe(HttpResponse<String> response) {
    var body = response.body() == null ? "" : response.body().replaceAll("\\s+", " ");
    var code = body.replaceAll(".*\"code\"\\s*:\\s*\"([A-Z0-9]+)\".*", "$1");
    return response.statusCode() + (code.length() < 12 ? " " + code : "");
  }

  static final class Stats {
    private final List<Long> nanos = new ArrayList<>();
    private final Map<String, Integer> failures = new TreeMap<>();

    void add(String failure, long elapsed) {
      if (failure == null) {
        nanos.add(elapsed);
      } else {
        failures.merge(failure, 1, Integer::sum);
      }
    }

    void merge(Stats other) {
      nanos.addAll(other.nanos);
      other.failures.forEach((k, v) -> failures.merge(k, v, Integer::sum));
    }

    void print(String name, double seconds) {
      nanos.sort(null);
      int failed = failures.values().stream().mapToInt(Integer::intValue).sum();
      System.out.printf(
          Locale.ROOT,
          "%-32s %6.0f req/s  p50 %6.1f ms  p99 %6.1f ms  failures %d%n",
          name,
          nanos.size() / seconds,
          percentile(nanos, 50) / 1e6,
          percentile(nanos, 99) / 1e6,
          failed);
      failures.forEach((what, count) -> System.out.printf("    %d x %s%n", count, what));
    }
  }

  static double percentile(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, index));
  }

  // ---------------------------------------------------------------- in-process validation

  /**
   * SamlResponses.parse and validate, as Foyer's assertion consumer service calls them, on one
   * thread: 200 responses of each kind made beforehand and validated in turn (validate keeps no
   * replay state; the parse makes each document anew), a warm-up, then the measured seconds.
   */
  static void inProcess() {
    var now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    var idp = SpKey.generate(IDP, now);
    var sp = SpKey.generate(SP, now);
    var acs = "http://127.0.0.1:8290/auth/federation/callback/bench/bench";
    System.out.printf(
        Locale.ROOT,
        "In-process SamlResponses.parse + validate, one thread, %ds after %ds warm-up%n",
        SECONDS,
        WARMUP);
    for (boolean encrypted : new boolean[] {false, true}) {
      var target = new Target("bench", encrypted, acs, sp.certificate().getPublicKey());
      var xmls = new byte[200][];
      for (int n = 0; n < xmls.length; n++) {
        var document = signed(idp, acs, "v" + n, person(target, n), now);
        if (encrypted) {
          encrypt(document, target.encryptFor());
        }
        xmls[n] = SamlXml.write(document).getBytes(StandardCharsets.UTF_8);
      }
      var expected =
          new SamlResponses.Expected(
              IDP,
              List.<PublicKey>of(idp.certificate().getPublicKey()),
              SP,
              acs,
              Optional.empty(),
              encrypted,
              List.<PrivateKey>of(sp.privateKey()),
              Instant.now(),
              Duration.ofMinutes(2));
      long warmTo = System.nanoTime() + Duration.ofSeconds(WARMUP).toNanos();
      int n = 0;
      while (System.nanoTime() < warmTo) {
        SamlResponses.validate(SamlResponses.parse(xmls[n++ % xmls.length]), expected);
      }
      var nanos = new ArrayList<Long>();
      long from = System.nanoTime();
      long to = from + Duration.ofSeconds(SECONDS).toNanos();
      long cpuFrom = cpu();
      long now2;
      while ((now2 = System.nanoTime()) < to) {
        var accepted =
            SamlResponses.validate(SamlResponses.parse(xmls[n++ % xmls.length]), expected);
        if (accepted.encrypted() != encrypted) {
          throw new IllegalStateException("validated the wrong kind of response");
        }
        nanos.add(System.nanoTime() - now2);
      }
      long cpuUsed = cpu() - cpuFrom;
      nanos.sort(null);
      System.out.printf(
          Locale.ROOT,
          "%-32s %6.0f /s  p50 %6.2f ms  p99 %6.2f ms  CPU %.2f ms each%n",
          encrypted ? "validate signed+encrypted" : "validate signed",
          nanos.size() / ((System.nanoTime() - from) / 1e9),
          percentile(nanos, 50) / 1e6,
          percentile(nanos, 99) / 1e6,
          cpuUsed / 1e6 / nanos.size());
    }
  }

  /** This thread's CPU time in nanoseconds. */
  static long cpu() {
    return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  static int intEnv(String name, int fallback) {
    var value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : Integer.parseInt(value);
  }
}
