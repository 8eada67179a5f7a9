package uk.nip.broker.worker;

import org.camunda.bpm.client.interceptor.ClientRequestContext;
import org.camunda.bpm.client.interceptor.ClientRequestInterceptor;

/** Adds the service account's bearer token to every request the task client sends to the engine. */
public final class BearerTokenInterceptor implements ClientRequestInterceptor {

    private final ClientCredentialsTokenSource tokens;

    public BearerTokenInterceptor(ClientCredentialsTokenSource tokens) {
        this.tokens = tokens;
    }

    @Override
    public void intercept(ClientRequestContext requestContext) {
        requestContext.addHeader("Authorization", "Bearer " + tokens.currentToken());
    }
}
