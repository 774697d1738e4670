import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The operator console's reads on a space of many members (run by bench/members.sh): fills the
 * space through the admin API (members with names and emails) and URI Auth (members with a uid, and
 * their login records), then times member searches, paging through every member, login-record
 * filters and the hourly chart, one request at a time, each several times. JDK only.
 */
public class MembersBench {
  static final String[] GIVEN = {
    "Sue", "John", "Mary", "Zoë", "Ahmed", "Li", "Olga", "Peter", "Anna", "Jürgen", "Fatima",
    "Kenji", "Maria", "David", "Sarah", "Noah", "Emma", "Lucas", "Mia", "Omar"
  };
  static final String[] FAMILY = {
    "Doe", "Smith", "Ölçer", "Nguyen", "Müller", "García", "Kowalski", "O'Brien", "Tanaka",
    "Ivanova", "Rossi", "Dubois", "Jensen", "Silva", "Cohen", "Khan"
  };
  static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
  static final Pattern NEXT = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"?next\"?");

  static HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  static String base;
  static String admin;

  public static void main(String[] args) throws Exception {
    base = args[0];
    admin = System.getenv("FOYER_BENCH_ADMIN");
    int members = Integer.parseInt(System.getenv().getOrDefault("FOYER_BENCH_MEMBERS", "10000"));
    int linked = Integer.parseInt(System.getenv().getOrDefault("FOYER_BENCH_LINKED", "2000"));
    int others = Integer.parseInt(System.getenv().getOrDefault("FOYER_BENCH_OTHERS", "2000"));
    int repeat = Integer.parseInt(System.getenv().getOrDefault("FOYER_BENCH_REPEAT", "30"));

    for (var slug : List.of("bench", "noise")) {
      check(send("POST", "/api/admin/spaces", "{\"slug\":\"" + slug + "\",\"name\":\"" + slug + "\"}"), 201);
    }
    var t0 = System.nanoTime();
    fill("noise", others, 0);
    fill("bench", members - linked, linked);
    System.out.printf(
        "filled: %d members in 'bench' (%d through URI Auth with a uid), %d in 'noise', in %.0f s%n",
        members, linked, others, (System.nanoTime() - t0) / 1e9);

    System.out.println();
    System.out.println("| request | answer | p50 ms | p95 ms | max ms |");
    System.out.println("|---|---|---|---|---|");
    var searches =
        List.of("", "sue", "sue doe", "s", "m", "ölçer", "o'brien", "example.org", "crm-0a", "crm-",
            "user1234", "zz-nobody", "a b c d e f g h");
    for (var q : searches) {
      time("members?q=" + q, "/api/admin/spaces/bench/members?q=" + enc(q) + "&limit=50", repeat);
    }
    time("members?q=sue&limit=200", "/api/admin/spaces/bench/members?q=sue&limit=200", repeat);
    time("members?uid=crm-0000000a", "/api/admin/spaces/bench/members?uid=crm-0000000a", repeat);
    for (var limit : List.of(50, 200)) {
      var start = System.nanoTime();
      var seen = new HashSet<String>();
      int pages = 0;
      int rows = 0;
      var next = "/api/admin/spaces/bench/members?q=&limit=" + limit;
      while (next != null) {
        var page = check(send("GET", next, null), 200);
        pages++;
        var ids = ID.matcher(page.body());
        while (ids.find()) {
          rows++;
          seen.add(ids.group(1));
        }
        var link = page.headers().firstValue("Link").map(NEXT::matcher).filter(m -> m.find());
        next = link.map(m -> m.group(1)).orElse(null);
      }
      System.out.printf(
          "| every member, limit=%d | %d pages, %d rows, %d distinct | %.1f per page | | %.0f total |%n",
          limit, pages, rows, seen.size(), (System.nanoTime() - start) / 1e6 / pages,
          (System.nanoTime() - start) / 1e6);
    }
    var records =
        List.of("", "door=uri-auth", "provider=uri-auth", "outcome=refused", "code=UAGN1",
            "door=uri-auth&outcome=accepted&from=2020-01-01T00:00:00Z");
    for (var filter : records) {
      time("login-records?" + filter, "/api/admin/spaces/bench/login-records?limit=100&" + filter, repeat);
    }
    time("login-records/hourly?hours=72", "/api/admin/spaces/bench/login-records/hourly", repeat);
    time("login-records/hourly?hours=336", "/api/admin/spaces/bench/login-records/hourly?hours=336", repeat);
  }

  /** {@code count} members by the admin API and {@code linked} by URI Auth sign-ins, 8 at a time. */
  static void fill(String slug, int count, int linked) throws Exception {
    var random = new Random(slug.hashCode());
    var tasks = new ArrayList<Callable<Void>>();
    for (int i = 0; i < count + linked; i++) {
      var given = GIVEN[random.nextInt(GIVEN.length)];
      var family = FAMILY[random.nextInt(FAMILY.length)];
      var n = i;
      if (i < count) {
        var email = ascii(given) + "." + ascii(family) + n + (n % 2 == 0 ? "@example.org" : "@corp.example");
        tasks.add(() -> {
          check(send("POST", "/api/admin/spaces/" + slug + "/members",
              "{\"givenName\":\"" + given + "\",\"familyName\":\"" + family
                  + "\",\"email\":\"" + email + "\"}"), 201);
          return null;
        });
      } else {
        var uid = "crm-%08x".formatted(n);
        tasks.add(() -> {
          var link = "/auth/uri?account=" + slug + "&givenName=" + enc(given) + "&familyName="
              + enc(family) + "&uid=" + uid;
          check(client.send(HttpRequest.newBuilder(URI.create(base + link)).build(),
              HttpResponse.BodyHandlers.ofString()), 302);
          if (n % 10 == 0) { // a refusal now and then: no givenName
            client.send(HttpRequest.newBuilder(URI.create(base + "/auth/uri?account=" + slug + "&uid=" + uid)).build(),
                HttpResponse.BodyHandlers.discarding());
          }
          return null;
        });
      }
    }
    Collections.shuffle(tasks, random);
    var pool = Executors.newFixedThreadPool(8);
    try {
      for (var future : pool.invokeAll(tasks)) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  static void time(String label, String path, int repeat) throws Exception {
    var times = new ArrayList<Double>();
    HttpResponse<String> last = null;
    for (int i = 0; i < repeat + 3; i++) {
      var start = System.nanoTime();
      last = check(send("GET", path, null), 200);
      if (i >= 3) {
        times.add((System.nanoTime() - start) / 1e6);
      }
    }
    Collections.sort(times);
    var rows = ID.matcher(last.body()).results().count();
    var more = last.headers().firstValue("Link").isPresent() ? ", next" : "";
    var what = label.contains("hourly") ? last.body().length() + " bytes" : rows + " rows" + more;
    System.out.printf("| `%s` | %s | %.1f | %.1f | %.1f |%n", label, what,
        times.get(times.size() / 2), times.get((int) (times.size() * 0.95)), times.get(times.size() - 1));
  }

  static HttpResponse<String> send(String method, String path, String body) throws Exception {
    var request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
        .header("Authorization", admin).header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> check(HttpResponse<String> response, int status) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(response.request().uri() + " -> " + response.statusCode() + " " + response.body());
    }
    return response;
  }

  static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  static String ascii(String name) {
    return java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "").replaceAll("[^A-Za-z]", "").toLowerCase();
  }
}
