package dev.colorize.ingest.auth;

import dev.colorize.rest.ApiProblemException;
import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;

/** Who made the current request, set by {@link ApiKeyFilter} from the Bearer key. */
@RequestScoped
public class Caller {

    private UUID publisherId;
    private boolean admin;

    void authenticate(UUID publisherId, boolean admin) {
        this.publisherId = publisherId;
        this.admin = admin;
    }

    /** The publisher this request acts for; an admin key is no publisher. */
    public UUID publisherId() {
        if (publisherId == null) {
            throw ApiProblemException.forbidden("This endpoint needs a publisher API key");
        }
        return publisherId;
    }

    public void requireAdmin() {
        if (!admin) {
            throw ApiProblemException.forbidden("This endpoint needs an admin API key");
        }
    }
}
