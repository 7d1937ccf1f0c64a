package dev.colorize.rest.console;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A service's web console (the ingest service's for publishers, the trainer's for admins): static files under
 * META-INF/resources/console, the shared ones (the ES modules console-base.js, shell.js and router.js, base.css)
 * from this module, served without a key (the key is typed in the page and sent by it as a header to /v1; nothing
 * under /console is secret). /console is sent on to /console/, and every console file says that the page loads
 * nothing from anywhere but its service.
 */
@ApplicationScoped
public class ConsoleRoutes {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' blob: data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

    void routes(@Observes Router router) {
        router.get("/console").handler(rc -> {
            if (rc.request().path().equals("/console")) {
                rc.redirect("/console/");
            } else {
                rc.next(); // Vert.x lets "/console" match "/console/" too
            }
        });
        router.route("/console/*").order(-1).handler(rc -> {
            rc.response().putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Referrer-Policy", "no-referrer")
                    .putHeader("Cache-Control", "no-cache");
            rc.next();
        });
    }
}
