package dev.foyer.web;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NoContentException;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;

/**
 * An empty JSON body is a 400 REQ400 on every server. Jersey (Payara) refuses it with
 * NoContentException; RESTEasy (WildFly) would hand the resource a null entity instead.
 */
@Provider
public class EmptyJsonBody implements ReaderInterceptor {
  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
    var entity = context.proceed();
    var type = context.getMediaType();
    if (entity == null && type != null && type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
      throw new BadRequestException(new NoContentException("The request body is empty."));
    }
    return entity;
  }
}
