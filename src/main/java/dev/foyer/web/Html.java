package dev.foyer.web;

/** HTML escaping for text and attribute values; every name a participant sends passes here. */
public final class Html {
  private Html() {}

  /** A whole page of Foyer's: the title (escaped here) and a body that is already HTML. */
  public static String page(String title, String body) {
    return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>%s</title>
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <link rel="stylesheet" href="/foyer.css"></head>
        <body><main>
        %s
        </main></body></html>
        """
        .formatted(escape(title), body);
  }

  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    var out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
