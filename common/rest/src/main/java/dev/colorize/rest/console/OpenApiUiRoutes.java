package dev.colorize.rest.console;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Swagger UI (/q/swagger-ui) shares its origin with the web console, whose key sits in the tab's sessionStorage: a
 * script run there could read it. Its pages get a policy as strict as they allow: scripts and styles only from the
 * service (plus the page's own inline start-up script, which Quarkus generates), no requests but to the service (so no
 * spec or config from elsewhere, the way Swagger UI's known injections came in), no plugins, no framing, no forms.
 * The OpenAPI document is never sniffed into something else.
 */
@ApplicationScoped
public class OpenApiUiRoutes {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; "
            + "base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

    void routes(@Observes Router router) {
        router.routeWithRegex("/q/swagger-ui(/.*)?").order(-1).handler(rc -> {
            rc.response().putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Referrer-Policy", "no-referrer");
            rc.next();
        });
        router.routeWithRegex("/q/openapi(\\..*)?").order(-1).handler(rc -> {
            rc.response().putHeader("X-Content-Type-Options", "nosniff");
            rc.next();
        });
    }
}
