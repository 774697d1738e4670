package dev.foyer.federation.control;

import com.github.scribejava.core.httpclient.HttpClient;
import com.github.scribejava.core.httpclient.multipart.MultipartPayload;
import com.github.scribejava.core.model.OAuthAsyncRequestCallback;
import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Response;
import com.github.scribejava.core.model.Verb;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * scribejava's calls (OAuth 2.0's code exchange, OAuth 1.0a's request and access token) made by
 * {@link Outbound}: the same target check, identifying headers, size cap and whole-call deadline,
 * and no redirects followed (a redirect fails the call). A call that brings no whole answer fails
 * with {@link Outbound.Failed} (an {@link IOException}), which pac4j and Foyer turn into the step's
 * own refusal.
 */
final class ScribeThroughOutbound implements HttpClient {
  private final Outbound outbound;

  ScribeThroughOutbound(Outbound outbound) {
    this.outbound = outbound;
  }

  @Override
  public Response execute(
      String userAgent,
      Map<String, String> headers,
      Verb verb,
      String completeUrl,
      byte[] bodyContents)
      throws IOException {
    // As scribejava's own client: a body only where the method permits one.
    var body = verb.isPermitBody() ? (bodyContents == null ? new byte[0] : bodyContents) : null;
    var sent = new LinkedHashMap<String, List<String>>();
    headers.forEach((name, value) -> sent.put(name, List.of(value)));
    if (body != null && headers.keySet().stream().noneMatch(CONTENT_TYPE::equalsIgnoreCase)) {
      sent.put(CONTENT_TYPE, List.of(DEFAULT_CONTENT_TYPE));
    }
    var reply =
        Outbound.Failed.notRedirected(
            outbound.exchange(verb.name(), URI.create(completeUrl), sent, body));
    var answered = new LinkedHashMap<String, String>();
    reply.headers().forEach((name, values) -> answered.put(name, String.join(", ", values)));
    return new Response(reply.status(), "", answered, reply.text());
  }

  @Override
  public Response execute(
      String userAgent, Map<String, String> headers, Verb verb, String completeUrl, String body)
      throws IOException {
    return execute(
        userAgent,
        headers,
        verb,
        completeUrl,
        body == null ? null : body.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public Response execute(
      String userAgent,
      Map<String, String> headers,
      Verb verb,
      String completeUrl,
      MultipartPayload body) {
    throw new UnsupportedOperationException("Foyer sends no multipart request to a provider");
  }

  @Override
  public Response execute(
      String userAgent, Map<String, String> headers, Verb verb, String completeUrl, File body) {
    throw new UnsupportedOperationException("Foyer sends no file to a provider");
  }

  @Override
  public <T> Future<T> executeAsync(
      String userAgent,
      Map<String, String> headers,
      Verb verb,
      String completeUrl,
      byte[] body,
      OAuthAsyncRequestCallback<T> callback,
      OAuthRequest.ResponseConverter<T> converter) {
    // Foyer calls the services synchronously; an asynchronous call is made the same way, at once.
    var result = new CompletableFuture<T>();
    try {
      var response = execute(userAgent, headers, verb, completeUrl, body);
      @SuppressWarnings("unchecked")
      var converted = converter == null ? (T) response : converter.convert(response);
      if (callback != null) {
        callback.onCompleted(converted);
      }
      result.complete(converted);
    } catch (IOException | RuntimeException e) {
      if (callback != null) {
        callback.onThrowable(e);
      }
      result.completeExceptionally(e);
    }
    return result;
  }

  @Override
  public <T> Future<T> executeAsync(
      String userAgent,
      Map<String, String> headers,
      Verb verb,
      String completeUrl,
      String body,
      OAuthAsyncRequestCallback<T> callback,
      OAuthRequest.ResponseConverter<T> converter) {
    return executeAsync(
        userAgent,
        headers,
        verb,
        completeUrl,
        body == null ? null : body.getBytes(StandardCharsets.UTF_8),
        callback,
        converter);
  }

  @Override
  public <T> Future<T> executeAsync(
      String userAgent,
      Map<String, String> headers,
      Verb verb,
      String completeUrl,
      MultipartPayload body,
      OAuthAsyncRequestCallback<T> callback,
      OAuthRequest.ResponseConverter<T> converter) {
    throw new UnsupportedOperationException("Foyer sends no multipart request to a provider");
  }

  @Override
  public <T> Future<T> executeAsync(
      String userAgent,
      Map<String, String> headers,
      Verb verb,
      String completeUrl,
      File body,
      OAuthAsyncRequestCallback<T> callback,
      OAuthRequest.ResponseConverter<T> converter) {
    throw new UnsupportedOperationException("Foyer sends no file to a provider");
  }

  @Override
  public void close() {
    // Outbound's client is Foyer's, shared: nothing of this one's to close.
  }
}
