package dev.colorize.ingest.rest;

import dev.colorize.ingest.webhook.WebhookUrlGuard;
import dev.colorize.rest.ApiProblemException;

/** A webhook URL a request names (upload, publisher, settings): well-formed or a 400; absent passes. */
final class WebhookUrlField {

    private WebhookUrlField() {
    }

    static String checked(String url) {
        String problem = url == null ? null : WebhookUrlGuard.syntaxProblem(url);
        if (problem != null) {
            throw ApiProblemException.badRequest("invalid-webhook-url", problem);
        }
        return url;
    }
}
